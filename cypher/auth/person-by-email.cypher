// The person a token's e-mail claim names, compared regardless of case like
// Person.email's uniqueness (its key, cypher/migrations/0005-case-insensitive-keys.cypher).
MATCH (p:Person {emailKey: toLower(normalize($value, NFC))})
RETURN p.id AS id
LIMIT 1
