// The projects the organisation report lists, in id order.
MATCH (p:Project)
RETURN p {.id, .name, .status} AS row
ORDER BY p.id
