// Evidence of active people on each topic of $topics and the topics below it
// within $maxHops (maxTaxonomyHops), optionally only members of $unit. One
// row per (topic, person); their load comes from person-load, for the few
// people ranked high enough to be returned.
//
// Popular topics give tens of thousands of pieces, so a row and its pieces
// travel as lists, not maps (src/finder/types.ts reads them), dates as ISO
// strings, and whether a person is active is read once per person, not once
// per piece: together a third of the time of a free-text search.
UNWIND $topics AS targetId
MATCH (t:Topic {id: targetId})
MATCH path = (s:Topic)-[:BROADER*0..5]->(t)
WITH t, s, min(length(path)) AS hops
WHERE hops <= $maxHops
CALL (s, hops) {
  MATCH (p:Person)-[k:KNOWS]->(s)
  RETURN p, ['DECLARED', s.id, s.id, hops, toString(k.assessedAt), k.level, k.source, k.endorsements] AS piece
  UNION ALL
  MATCH (p:Person)-[:AUTHORED]->(a:KnowledgeAsset)-[:COVERS]->(s)
  RETURN p, ['AUTHORED', a.id, s.id, hops, toString(coalesce(a.reviewedAt, a.publishedAt)), a.quality] AS piece
  UNION ALL
  MATCH (p:Person)-[:RECORDED]->(l:Lesson)-[:ABOUT]->(s)
  RETURN p, ['RECORDED', l.id, s.id, hops, toString(l.recordedAt)] AS piece
  UNION ALL
  MATCH (p:Person)-[w:WORKS_ON]->(q:Project)-[:NEEDS]->(s)
  RETURN p, ['ROLE', q.id, s.id, hops, toString(coalesce(w.to, date($asOf)))] AS piece
}
WITH t, p, collect(piece) AS pieces
WHERE p.active = true AND ($unit IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:OrgUnit {id: $unit}) })
RETURN [t.id, p.id, p.name, pieces] AS row
