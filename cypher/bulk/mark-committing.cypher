// From here on the import is complete and is never rolled back; only its journal is left to clear.
MATCH (r:ImportRun {id: $run})
SET r.status = 'COMMITTING'
