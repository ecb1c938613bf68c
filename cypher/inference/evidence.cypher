// Evidence of expertise of every active person (docs/expertise-inference.md):
// for each topic they have evidence on, the assets they authored that cover it
// and the projects they have a role on (started by $asOf: a role that has not
// begun demonstrates nothing yet) that need it, with every
// KNOWS edge they already have to it. Topics where an active person has an
// INFERRED edge and no evidence any more are included too, so that the edge
// can be proposed for removal. The topic itself only: no taxonomy.
MATCH (x:Person {active: true})
CALL (x) {
  MATCH (x)-[:AUTHORED]->(:KnowledgeAsset)-[:COVERS]->(t:Topic)
  RETURN t
  UNION
  MATCH (x)-[w:WORKS_ON]->(:Project)-[:NEEDS]->(t:Topic)
  WHERE w.from IS NULL OR w.from <= date($asOf)
  RETURN t
  UNION
  MATCH (x)-[k:KNOWS]->(t:Topic) WHERE k.source = 'INFERRED'
  RETURN t
}
RETURN {
  person: x.id,
  topic: t.id,
  authored: COLLECT {
    MATCH (x)-[:AUTHORED]->(a:KnowledgeAsset)-[:COVERS]->(t)
    WITH DISTINCT a ORDER BY a.id
    RETURN {id: a.id, quality: a.quality} AS asset
  },
  roles: COLLECT {
    MATCH (x)-[w:WORKS_ON]->(p:Project)-[:NEEDS]->(t)
    WHERE w.from IS NULL OR w.from <= date($asOf)
    RETURN DISTINCT p.id AS id ORDER BY id
  },
  knows: COLLECT {
    MATCH (x)-[k:KNOWS]->(t)
    RETURN {level: k.level, source: k.source} AS edge
  }
} AS row
ORDER BY x.id, t.id
