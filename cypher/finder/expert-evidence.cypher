// Evidence of active people on each topic of $topics and the topics below it
// within $maxHops (maxTaxonomyHops), optionally only members of $unit. One row per (topic, person); their load comes from person-load, for
// the few people ranked high enough to be returned. Dates travel as ISO
// strings: the driver's Date decoding was a third of the time on popular topics.
UNWIND $topics AS targetId
MATCH (t:Topic {id: targetId})
MATCH path = (s:Topic)-[:BROADER*0..5]->(t)
WITH t, s, min(length(path)) AS hops
WHERE hops <= $maxHops
CALL (s, hops) {
  MATCH (p:Person {active: true})-[k:KNOWS]->(s)
  RETURN p, {kind: 'DECLARED', id: s.id, topic: s.id, hops: hops, level: k.level, source: k.source,
             endorsements: k.endorsements, date: toString(k.assessedAt)} AS evidence
  UNION ALL
  MATCH (p:Person {active: true})-[:AUTHORED]->(a:KnowledgeAsset)-[:COVERS]->(s)
  RETURN p, {kind: 'AUTHORED', id: a.id, topic: s.id, hops: hops, quality: a.quality,
             date: toString(coalesce(a.reviewedAt, a.publishedAt))} AS evidence
  UNION ALL
  MATCH (p:Person {active: true})-[:RECORDED]->(l:Lesson)-[:ABOUT]->(s)
  RETURN p, {kind: 'RECORDED', id: l.id, topic: s.id, hops: hops, date: toString(l.recordedAt)} AS evidence
  UNION ALL
  MATCH (p:Person {active: true})-[w:WORKS_ON]->(q:Project)-[:NEEDS]->(s)
  RETURN p, {kind: 'ROLE', id: q.id, topic: s.id, hops: hops, date: toString(coalesce(w.to, date($asOf)))} AS evidence
}
WITH t, p, collect(evidence) AS evidence
WHERE $unit IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:OrgUnit {id: $unit}) }
RETURN {topic: t.id, person: p.id, name: p.name, evidence: evidence} AS row
