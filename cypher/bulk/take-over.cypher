// Another process becomes the import's holder, to roll it back (or finish its commit), if the holder is still
// the one it judged gone: of two processes recovering at once, one wins. The previous holder's writes are
// refused from here on (its lease token no longer matches).
MATCH (r:ImportRun {id: $run})
WHERE r.owner = $previous OR (r.owner IS NULL AND $previous IS NULL)
SET r.owner = $owner, r.pid = $pid, r.host = $host, r.heartbeatAt = datetime()
RETURN count(r) AS taken
