// The projects of one org unit, in id order.
MATCH (p:Project)-[:OWNED_BY]->(:OrgUnit {id: $unit})
RETURN p.id AS id ORDER BY id
