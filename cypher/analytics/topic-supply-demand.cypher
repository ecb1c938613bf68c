// Demand and supply of every topic. Demand comes from the active projects of
// the organisation, of one org unit ($unit), or from one project's needs
// whatever its status ($project). Supply is on the topic itself. The ids of
// assets and lessons (tens of thousands) only when $lists; counts always.
MATCH (t:Topic)
CALL (t) {
  OPTIONAL MATCH (p:Project)-[n:NEEDS]->(t)
  WHERE CASE
    WHEN $project IS NOT NULL THEN p.id = $project
    ELSE p.status IN ['ACTIVE', 'PLANNED'] AND ($unit IS NULL OR EXISTS { (p)-[:OWNED_BY]->(:OrgUnit {id: $unit}) })
  END
  WITH p, n ORDER BY p.id
  RETURN sum(coalesce($weights[n.criticality], 0)) AS demand, collect(p.id) AS projects
}
RETURN {
  topic: t.id, name: t.name, demand: demand, projects: projects,
  experts: COLLECT { MATCH (x:Person {active: true})-[k:KNOWS]->(t) WHERE k.level >= $expertLevel RETURN x.id AS id ORDER BY id },
  assetCount: COUNT { (:KnowledgeAsset)-[:COVERS]->(t) },
  lessonCount: COUNT { (:Lesson)-[:ABOUT]->(t) },
  assets: CASE WHEN $lists THEN COLLECT { MATCH (a:KnowledgeAsset)-[:COVERS]->(t) RETURN a.id AS id ORDER BY id } ELSE [] END,
  lessons: CASE WHEN $lists THEN COLLECT { MATCH (l:Lesson)-[:ABOUT]->(t) RETURN l.id AS id ORDER BY id } ELSE [] END
} AS row
ORDER BY t.id
