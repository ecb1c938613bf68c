// The bulk import recorded in the graph and not finished, if any (at most one exists).
MATCH (r:ImportRun)
RETURN r {.id, .status, startedAt: toString(r.startedAt), .source} AS row
