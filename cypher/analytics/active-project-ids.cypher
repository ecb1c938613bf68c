// The projects the organisation-wide gaps are read for: the active ones (PLANNED or ACTIVE), in id order.
MATCH (p:Project)
WHERE p.status IN ['ACTIVE', 'PLANNED']
RETURN p.id AS id ORDER BY id
