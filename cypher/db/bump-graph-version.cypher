// Run inside every write transaction, after its work: committed with it, or not at all.
// Then, under the version's lock (so after any import that began before it has committed), the unfinished
// bulk import, if any: the caller refuses a write that is not that import's own (src/db/database.ts).
MERGE (v:GraphVersion {id: 'graph'})
SET v.version = coalesce(v.version, 0) + 1
WITH v
OPTIONAL MATCH (r:ImportRun)
RETURN r {.id, .owner, .status, .source, .pid, .host, startedAt: toString(r.startedAt)} AS importRun
LIMIT 1
