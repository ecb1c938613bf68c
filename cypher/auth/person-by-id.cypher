// The person a token's subject (or other id claim) names.
MATCH (p:Person {id: $value})
RETURN p.id AS id, coalesce(p.active, true) AS active
LIMIT 1
