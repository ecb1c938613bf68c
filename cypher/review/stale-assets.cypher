// Stale assets: the review date (reviewedAt, else publishedAt) is more than
// $stalenessMonths months before $asOf, or there is no date at all. A month is
// 365.25 / 12 = 30.4375 days, as in monthsBetween (src/analytics/params.ts).
MATCH (a:KnowledgeAsset)
WITH a, coalesce(a.reviewedAt, a.publishedAt) AS reviewDate
WHERE reviewDate IS NULL OR duration.inDays(reviewDate, date($asOf)).days / 30.4375 > $stalenessMonths
RETURN {
  id: a.id, title: a.title, reviewDate: reviewDate,
  topics: COLLECT { MATCH (a)-[:COVERS]->(t:Topic) RETURN DISTINCT t.id AS id ORDER BY id }
} AS row
ORDER BY a.id
