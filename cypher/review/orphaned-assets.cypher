// Orphaned assets: no author is an active person (every author inactive, or
// no author at all).
MATCH (a:KnowledgeAsset)
WHERE NOT EXISTS { MATCH (p:Person)-[:AUTHORED]->(a) WHERE p.active = true }
RETURN {
  id: a.id, title: a.title,
  authors: COLLECT { MATCH (p:Person)-[:AUTHORED]->(a) RETURN DISTINCT p.id AS id ORDER BY id },
  topics: COLLECT { MATCH (a)-[:COVERS]->(t:Topic) RETURN DISTINCT t.id AS id ORDER BY id }
} AS row
ORDER BY a.id
