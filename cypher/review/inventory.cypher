// Inventory of the strategy review: assets and lessons counted by topic (the
// topic itself, no taxonomy roll-up), by asset kind and lesson status, by the
// org unit owning their origin project and by the goals that project supports.
// Items whose origin has no unit (or no goal) are counted in the *WithoutUnit
// (*WithoutGoal) figures. Every count is of distinct assets or lessons.
CALL () {
  RETURN COUNT { (:KnowledgeAsset) } AS totalAssets, COUNT { (:Lesson) } AS totalLessons
}
CALL () {
  MATCH (t:Topic)
  WITH t ORDER BY t.id
  RETURN collect({
    topic: t.id, name: t.name,
    assets: COUNT { MATCH (a:KnowledgeAsset)-[:COVERS]->(t) RETURN DISTINCT a },
    lessons: COUNT { MATCH (l:Lesson)-[:ABOUT]->(t) RETURN DISTINCT l }
  }) AS byTopic
}
CALL () {
  MATCH (a:KnowledgeAsset)
  WITH a.kind AS kind, count(a) AS count
  RETURN collect({kind: kind, count: count}) AS assetKinds
}
CALL () {
  MATCH (l:Lesson)
  WITH l.status AS status, count(l) AS count
  RETURN collect({status: status, count: count}) AS lessonStatuses
}
CALL () {
  MATCH (u:OrgUnit)
  WITH u ORDER BY u.id
  RETURN collect({
    unit: u.id, name: u.name,
    assets: COUNT { MATCH (a:KnowledgeAsset)-[:PRODUCED_BY]->(:Project)-[:OWNED_BY]->(u) RETURN DISTINCT a },
    lessons: COUNT { MATCH (l:Lesson)-[:LEARNED_IN]->(:Project)-[:OWNED_BY]->(u) RETURN DISTINCT l }
  }) AS byUnit
}
CALL () {
  MATCH (g:Goal)
  WITH g ORDER BY g.id
  RETURN collect({
    goal: g.id, name: g.name,
    assets: COUNT { MATCH (a:KnowledgeAsset)-[:PRODUCED_BY]->(:Project)-[:SUPPORTS]->(g) RETURN DISTINCT a },
    lessons: COUNT { MATCH (l:Lesson)-[:LEARNED_IN]->(:Project)-[:SUPPORTS]->(g) RETURN DISTINCT l }
  }) AS byGoal
}
RETURN {
  totalAssets: totalAssets, totalLessons: totalLessons,
  byTopic: byTopic, assetKinds: assetKinds, lessonStatuses: lessonStatuses,
  byUnit: byUnit,
  assetsWithoutUnit: COUNT { MATCH (a:KnowledgeAsset) WHERE NOT EXISTS { (a)-[:PRODUCED_BY]->(:Project)-[:OWNED_BY]->(:OrgUnit) } },
  lessonsWithoutUnit: COUNT { MATCH (l:Lesson) WHERE NOT EXISTS { (l)-[:LEARNED_IN]->(:Project)-[:OWNED_BY]->(:OrgUnit) } },
  byGoal: byGoal,
  assetsWithoutGoal: COUNT { MATCH (a:KnowledgeAsset) WHERE NOT EXISTS { (a)-[:PRODUCED_BY]->(:Project)-[:SUPPORTS]->(:Goal) } },
  lessonsWithoutGoal: COUNT { MATCH (l:Lesson) WHERE NOT EXISTS { (l)-[:LEARNED_IN]->(:Project)-[:SUPPORTS]->(:Goal) } }
} AS row
