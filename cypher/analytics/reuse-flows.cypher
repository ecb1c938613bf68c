// Actual reuse between projects (USED assets, APPLIED lessons), the units that
// own the projects, and how many assets and lessons a project other than
// their origin reused (any project, for one without an origin). One pass over
// the USED and APPLIED relationships gives both the flows and the counts:
// most assets and lessons are never reused, so none of them is visited.
CALL () {
  MATCH (p:Project)-[:USED]->(a:KnowledgeAsset)
  OPTIONAL MATCH (a)-[:PRODUCED_BY]->(q:Project)
  WITH p, a, q WHERE q IS NULL OR q <> p
  RETURN collect(CASE WHEN q IS NOT NULL THEN {from: q.id, to: p.id, id: a.id} END) AS assetFlows,
         count(DISTINCT a) AS reusedAssets
}
CALL () {
  MATCH (p:Project)-[:APPLIED]->(l:Lesson)
  OPTIONAL MATCH (l)-[:LEARNED_IN]->(q:Project)
  WITH p, l, q WHERE q IS NULL OR q <> p
  RETURN collect(CASE WHEN q IS NOT NULL THEN {from: q.id, to: p.id, id: l.id} END) AS lessonFlows,
         count(DISTINCT l) AS reusedLessons
}
CALL () {
  MATCH (p:Project)-[:OWNED_BY]->(u:OrgUnit)
  RETURN collect({project: p.id, unit: u.id}) AS owners
}
RETURN {assetFlows: assetFlows, lessonFlows: lessonFlows, owners: owners,
        totalAssets: COUNT { (:KnowledgeAsset) }, reusedAssets: reusedAssets,
        totalLessons: COUNT { (:Lesson) }, reusedLessons: reusedLessons} AS row
