// One page of the audit trail, newest first, and the number of entries the filter matches.
CALL () {
  MATCH (e:AuditEntry)
  WHERE e.at IS NOT NULL
    AND ($operation IS NULL OR e.operation = $operation)
    AND ($outcome IS NULL OR e.outcome = $outcome)
    AND ($actorPersonId IS NULL OR e.actorPersonId = $actorPersonId)
    AND ($from IS NULL OR e.at >= datetime($from))
    AND ($to IS NULL OR e.at < datetime($to))
  RETURN count(e) AS total
}
CALL () {
  MATCH (e:AuditEntry)
  WHERE e.at IS NOT NULL
    AND ($operation IS NULL OR e.operation = $operation)
    AND ($outcome IS NULL OR e.outcome = $outcome)
    AND ($actorPersonId IS NULL OR e.actorPersonId = $actorPersonId)
    AND ($from IS NULL OR e.at >= datetime($from))
    AND ($to IS NULL OR e.at < datetime($to))
  WITH e ORDER BY e.at DESC, e.seq DESC, e.id DESC SKIP toInteger($offset) LIMIT toInteger($limit)
  RETURN collect(e {.*, at: toString(e.at)}) AS entries
}
RETURN {total: total, entries: entries} AS row
