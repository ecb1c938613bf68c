// Actual reuse between projects (USED assets, APPLIED lessons), the units that
// own the projects, and how many assets and lessons a project other than
// their origin reused. Counted from the USED and APPLIED relationships, not
// by visiting every asset and lesson: most are never reused.
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
  MATCH (q:Project)-[:USED]->(a:KnowledgeAsset) WHERE NOT EXISTS { (a)-[:PRODUCED_BY]->(q) }
  RETURN count(DISTINCT a) AS reusedAssets
}
CALL () {
  MATCH (q:Project)-[:APPLIED]->(l:Lesson) WHERE NOT EXISTS { (l)-[:LEARNED_IN]->(q) }
  RETURN count(DISTINCT l) AS reusedLessons
}
RETURN {assetFlows: assetFlows, lessonFlows: lessonFlows, owners: owners,
        totalAssets: COUNT { (:KnowledgeAsset) }, reusedAssets: reusedAssets,
        totalLessons: COUNT { (:Lesson) }, reusedLessons: reusedLessons} AS row
