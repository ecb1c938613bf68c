// For every goal, the topics that its active projects (ACTIVE or PLANNED)
// need at HIGH or CRITICAL criticality, with the supply on each topic itself:
// active experts (level >= $expertLevel) and fresh assets (quality >= 3 and a
// review date - reviewedAt, else publishedAt - at most $stalenessMonths months
// before $asOf; a month is 30.4375 days). Whether supply is thin is decided in
// src/review/thin-supply.ts.
MATCH (g:Goal)
CALL (g) {
  MATCH (p:Project)-[:SUPPORTS]->(g), (p)-[n:NEEDS]->(t:Topic)
  WHERE p.status IN ['ACTIVE', 'PLANNED'] AND n.criticality IN ['HIGH', 'CRITICAL']
  WITH t, p, n ORDER BY p.id
  WITH t, collect(DISTINCT p.id) AS projects, collect(n.criticality) AS criticalities
  ORDER BY t.id
  RETURN collect({
    topic: t.id, name: t.name, projects: projects, criticalities: criticalities,
    experts: COLLECT {
      MATCH (x:Person)-[k:KNOWS]->(t) WHERE x.active = true AND k.level >= $expertLevel
      RETURN DISTINCT x.id AS id ORDER BY id
    },
    freshAssets: COLLECT {
      MATCH (a:KnowledgeAsset)-[:COVERS]->(t)
      WITH a, coalesce(a.reviewedAt, a.publishedAt) AS reviewDate
      WHERE a.quality >= 3 AND reviewDate IS NOT NULL
        AND duration.inDays(reviewDate, date($asOf)).days / 30.4375 <= $stalenessMonths
      RETURN DISTINCT a.id AS id ORDER BY id
    }
  }) AS topics
}
RETURN {goal: g.id, name: g.name, topics: topics} AS row
ORDER BY g.id
