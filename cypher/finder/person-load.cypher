// Σ allocation of the roles of each person of $people current at $asOf.
UNWIND $people AS personId
MATCH (p:Person {id: personId})
OPTIONAL MATCH (p)-[w:WORKS_ON]->(:Project)
WHERE (w.from IS NULL OR w.from <= date($asOf)) AND (w.to IS NULL OR w.to >= date($asOf))
RETURN p.id AS person, sum(coalesce(w.allocation, 0)) AS load
