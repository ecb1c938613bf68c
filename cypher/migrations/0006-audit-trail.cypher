// The audit trail: one :AuditEntry per recorded write, outside the model's
// labels (never exported, counted or searched). Entries are read newest first
// and pruned by date, so their time is indexed.
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
