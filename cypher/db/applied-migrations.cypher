// The migrations already applied, with the checksum of the file each was applied from.
MATCH (m:SchemaMigration)
RETURN m.id AS id, m.checksum AS checksum
