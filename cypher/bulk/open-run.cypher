// The bulk import recorded in the graph and not finished, if any (at most one exists), with the age of its
// holder's last heartbeat on Neo4j's clock, so that processes on hosts whose clocks differ agree on it.
MATCH (r:ImportRun)
RETURN r {.id, .status, startedAt: toString(r.startedAt), .source, .owner, .pid, .host,
          heartbeatAgeMs: CASE WHEN r.heartbeatAt IS NULL THEN null
                               ELSE duration.inSeconds(r.heartbeatAt, datetime()).milliseconds END} AS row
LIMIT 1
