// Lock nodes serialise changes that must be checked against the whole graph
// (a new BROADER edge must not close a cycle with one committed meanwhile).
CREATE CONSTRAINT graph_lock_id IF NOT EXISTS FOR (n:GraphLock) REQUIRE n.id IS UNIQUE;

// Two replicas starting at once must not record a migration twice.
CREATE CONSTRAINT schema_migration_id IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.id IS UNIQUE;
