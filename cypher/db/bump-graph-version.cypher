// Run inside every write transaction, after its work: committed with it, or not at all.
MERGE (v:GraphVersion {id: 'graph'})
SET v.version = coalesce(v.version, 0) + 1
