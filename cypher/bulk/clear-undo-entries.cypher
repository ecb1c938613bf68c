// One slice of a finished import's undo entries: a journal can hold millions.
MATCH (entry:ImportUndo {run: $run})
WITH entry LIMIT toInteger($limit)
DELETE entry
RETURN count(*) AS cleared
