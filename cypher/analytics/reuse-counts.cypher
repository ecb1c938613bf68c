// How many assets and lessons a project other than their origin reused (any
// project, for one without an origin), out of how many. Counted from the USED
// and APPLIED relationships, not by visiting every asset and lesson: most are
// never reused.
CALL () {
  MATCH (p:Project)-[:USED]->(a:KnowledgeAsset)
  OPTIONAL MATCH (a)-[:PRODUCED_BY]->(q:Project)
  WITH p, a, q WHERE q IS NULL OR q <> p
  RETURN count(DISTINCT a) AS reusedAssets
}
CALL () {
  MATCH (p:Project)-[:APPLIED]->(l:Lesson)
  OPTIONAL MATCH (l)-[:LEARNED_IN]->(q:Project)
  WITH p, l, q WHERE q IS NULL OR q <> p
  RETURN count(DISTINCT l) AS reusedLessons
}
RETURN {totalAssets: COUNT { (:KnowledgeAsset) }, reusedAssets: reusedAssets,
        totalLessons: COUNT { (:Lesson) }, reusedLessons: reusedLessons} AS row
