// Evidence of active people on each topic of $topics and the topics below it
// (to 5 hops; the finder cuts to maxTaxonomyHops), optionally only members of
// $unit, with their allocation current at $asOf. One row per (topic, person).
UNWIND $topics AS targetId
MATCH (t:Topic {id: targetId})
MATCH path = (s:Topic)-[:BROADER*0..5]->(t)
WITH t, s, min(length(path)) AS hops
CALL (s, hops) {
  MATCH (p:Person {active: true})-[k:KNOWS]->(s)
  RETURN p, {kind: 'DECLARED', id: s.id, topic: s.id, hops: hops, level: k.level, source: k.source,
             endorsements: k.endorsements, date: k.assessedAt} AS evidence
  UNION ALL
  MATCH (p:Person {active: true})-[:AUTHORED]->(a:KnowledgeAsset)-[:COVERS]->(s)
  RETURN p, {kind: 'AUTHORED', id: a.id, topic: s.id, hops: hops, quality: a.quality,
             date: coalesce(a.reviewedAt, a.publishedAt)} AS evidence
  UNION ALL
  MATCH (p:Person {active: true})-[:RECORDED]->(l:Lesson)-[:ABOUT]->(s)
  RETURN p, {kind: 'RECORDED', id: l.id, topic: s.id, hops: hops, date: l.recordedAt} AS evidence
  UNION ALL
  MATCH (p:Person {active: true})-[w:WORKS_ON]->(q:Project)-[:NEEDS]->(s)
  RETURN p, {kind: 'ROLE', id: q.id, topic: s.id, hops: hops, date: coalesce(w.to, date($asOf))} AS evidence
}
WITH t, p, collect(evidence) AS evidence
WHERE $unit IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:OrgUnit {id: $unit}) }
CALL (p) {
  OPTIONAL MATCH (p)-[w:WORKS_ON]->(:Project)
  WHERE (w.from IS NULL OR w.from <= date($asOf)) AND (w.to IS NULL OR w.to >= date($asOf))
  RETURN sum(coalesce(w.allocation, 0)) AS load
}
RETURN {topic: t.id, person: p.id, name: p.name, load: load, evidence: evidence} AS row
