// Whether the graph holds no node of the model yet (schema migrations do not count).
MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN count(n) = 0 AS empty
