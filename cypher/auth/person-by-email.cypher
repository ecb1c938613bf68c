// The person a token's e-mail claim names (Person.email is unique).
MATCH (p:Person {email: $value})
RETURN p.id AS id, coalesce(p.active, true) AS active
LIMIT 1
