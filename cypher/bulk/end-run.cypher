// Only by its holder: a process whose import was taken over deletes nothing.
MATCH (r:ImportRun {id: $run, owner: $owner})
DELETE r
RETURN count(*) AS ended
