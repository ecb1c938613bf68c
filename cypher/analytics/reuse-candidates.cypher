// Resources on $topic or a topic below it (within $maxHops, maxTaxonomyHops) that come from projects
// other than $project: assets they produced, lessons learned in them, and
// active people who worked on them. Each topic comes with its shortest chain
// of BROADER steps up to $topic (ties by the ids along it). A popular topic
// has tens of thousands of them, so each travels as a list
// `[id, topic, project, date, quality | status | level]`, dates as ISO
// strings, and without names: those are read for the few returned
// (reuse-names).
MATCH (p:Project {id: $project}), (t:Topic {id: $topic})
CALL (p) {
  MATCH (x:Person {active: true})-[w:WORKS_ON]->(p)
  WHERE (w.from IS NULL OR w.from <= date($asOf)) AND (w.to IS NULL OR w.to >= date($asOf))
  RETURN collect(DISTINCT x.id) AS team
}
CALL (t) {
  MATCH path = (s:Topic)-[:BROADER*0..5]->(t)
  WHERE length(path) <= $maxHops
  WITH s, [n IN nodes(path) | {id: n.id, name: n.name}] AS chain
  ORDER BY size(chain), [c IN chain | c.id]
  WITH s, collect(chain)[0] AS chain
  RETURN collect({topic: s.id, chain: chain}) AS reach, collect(s) AS topics
}
CALL (p, topics) {
  UNWIND topics AS s
  MATCH (s)<-[:COVERS]-(a:KnowledgeAsset)-[:PRODUCED_BY]->(q:Project) WHERE q <> p
  RETURN collect([a.id, s.id, q.id, toString(coalesce(a.reviewedAt, a.publishedAt)), a.quality]) AS assets
}
CALL (p, topics) {
  UNWIND topics AS s
  MATCH (s)<-[:ABOUT]-(l:Lesson)-[:LEARNED_IN]->(q:Project) WHERE q <> p
  RETURN collect([l.id, s.id, q.id, toString(l.recordedAt), l.status]) AS lessons
}
CALL (p, topics) {
  UNWIND topics AS s
  MATCH (s)<-[k:KNOWS]-(x:Person {active: true})-[:WORKS_ON]->(q:Project) WHERE q <> p
  RETURN collect(DISTINCT [x.id, s.id, q.id, toString(k.assessedAt), k.level]) AS experts
}
RETURN {project: {id: p.id, name: p.name}, topic: {id: t.id, name: t.name}, team: team,
        reach: reach, assets: assets, lessons: lessons, experts: experts} AS row
