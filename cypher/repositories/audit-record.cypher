// Appends audit entries; never matches or changes an existing one.
UNWIND $entries AS entry
CREATE (e:AuditEntry)
SET e = entry, e.at = datetime(entry.at)
