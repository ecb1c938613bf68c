// Roles of active people current at $asOf, with their allocation.
MATCH (x:Person {active: true})-[w:WORKS_ON]->(p:Project)
WHERE (w.from IS NULL OR w.from <= date($asOf)) AND (w.to IS NULL OR w.to >= date($asOf))
RETURN {person: x.id, project: p.id, allocation: coalesce(w.allocation, 0)} AS row
ORDER BY x.id, p.id
