// The person a token's e-mail claim names, compared regardless of case like
// Person.email's uniqueness (its key, cypher/migrations/0005-case-insensitive-keys.cypher),
// and whether they are still active.
MATCH (p:Person {emailKey: toLower(normalize($value, NFC))})
RETURN p.id AS id, coalesce(p.active, true) AS active
LIMIT 1
