// Deletes one batch of the audit entries recorded before a time; the caller repeats until none is left.
MATCH (e:AuditEntry) WHERE e.at < datetime($before)
WITH e LIMIT toInteger($batch)
DETACH DELETE e
RETURN count(*) AS row
