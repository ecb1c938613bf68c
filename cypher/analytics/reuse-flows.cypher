// Actual reuse between projects (USED assets, APPLIED lessons), the units that
// own the projects, and for every asset and lesson whether a project other
// than its origin reused it.
CALL () {
  MATCH (q:Project)<-[:PRODUCED_BY]-(a:KnowledgeAsset)<-[:USED]-(p:Project) WHERE q <> p
  RETURN collect({from: q.id, to: p.id, kind: 'ASSET', id: a.id}) AS assetFlows
}
CALL () {
  MATCH (q:Project)<-[:LEARNED_IN]-(l:Lesson)<-[:APPLIED]-(p:Project) WHERE q <> p
  RETURN collect({from: q.id, to: p.id, kind: 'LESSON', id: l.id}) AS lessonFlows
}
CALL () {
  MATCH (p:Project)-[:OWNED_BY]->(u:OrgUnit)
  RETURN collect({project: p.id, unit: u.id}) AS owners
}
CALL () {
  MATCH (a:KnowledgeAsset)
  OPTIONAL MATCH (a)-[:PRODUCED_BY]->(o:Project)
  RETURN count(a) AS totalAssets,
         count(CASE WHEN EXISTS { MATCH (q:Project)-[:USED]->(a) WHERE o IS NULL OR q <> o } THEN 1 END) AS reusedAssets
}
CALL () {
  MATCH (l:Lesson)
  OPTIONAL MATCH (l)-[:LEARNED_IN]->(o:Project)
  WITH l, o, EXISTS { MATCH (q:Project)-[:APPLIED]->(l) WHERE o IS NULL OR q <> o } AS reused
  ORDER BY l.id
  RETURN count(l) AS totalLessons, count(CASE WHEN reused THEN 1 END) AS reusedLessons,
         collect(CASE WHEN NOT reused THEN {
           lesson: l.id, project: o.id, topics: COLLECT { MATCH (l)-[:ABOUT]->(t:Topic) RETURN t.id AS id }
         } END) AS neverReused
}
// The active projects needing each topic, read once: walking them from every
// lesson never reused was 9 million db hits at size M.
CALL () {
  MATCH (t:Topic)<-[:NEEDS]-(q:Project) WHERE q.status IN ['ACTIVE', 'PLANNED']
  RETURN collect({topic: t.id, project: q.id}) AS activeNeeds
}
RETURN {assetFlows: assetFlows, lessonFlows: lessonFlows, owners: owners,
        totalAssets: totalAssets, reusedAssets: reusedAssets,
        totalLessons: totalLessons, reusedLessons: reusedLessons, neverReused: neverReused,
        activeNeeds: activeNeeds} AS row
