// Resources on $topic or a topic below it (to 5 hops) that come from projects
// other than $project: assets they produced, lessons learned in them, and
// active people who worked on them. Each topic comes with its shortest chain
// of BROADER steps up to $topic (ties by the ids along it). Dates travel as
// ISO strings, cheaper to decode than Neo4j Dates in these long lists.
MATCH (p:Project {id: $project}), (t:Topic {id: $topic})
CALL (p) {
  MATCH (x:Person {active: true})-[w:WORKS_ON]->(p)
  WHERE (w.from IS NULL OR w.from <= date($asOf)) AND (w.to IS NULL OR w.to >= date($asOf))
  RETURN collect(DISTINCT x.id) AS team
}
CALL (t) {
  MATCH path = (s:Topic)-[:BROADER*0..5]->(t)
  WITH s, [n IN nodes(path) | {id: n.id, name: n.name}] AS chain
  ORDER BY size(chain), [c IN chain | c.id]
  WITH s, collect(chain)[0] AS chain
  RETURN collect({topic: s.id, chain: chain}) AS reach, collect(s) AS topics
}
CALL (p, topics) {
  UNWIND topics AS s
  MATCH (s)<-[:COVERS]-(a:KnowledgeAsset)-[:PRODUCED_BY]->(q:Project) WHERE q <> p
  RETURN collect({id: a.id, name: a.title, topic: s.id, project: q.id, projectName: q.name,
                  quality: a.quality, date: toString(coalesce(a.reviewedAt, a.publishedAt))}) AS assets
}
CALL (p, topics) {
  UNWIND topics AS s
  MATCH (s)<-[:ABOUT]-(l:Lesson)-[:LEARNED_IN]->(q:Project) WHERE q <> p
  RETURN collect({id: l.id, name: l.title, topic: s.id, project: q.id, projectName: q.name,
                  status: l.status, date: toString(l.recordedAt)}) AS lessons
}
CALL (p, topics) {
  UNWIND topics AS s
  MATCH (s)<-[k:KNOWS]-(x:Person {active: true})-[:WORKS_ON]->(q:Project) WHERE q <> p
  RETURN collect(DISTINCT {id: x.id, name: x.name, topic: s.id, project: q.id, projectName: q.name,
                           level: k.level, date: toString(k.assessedAt)}) AS experts
}
RETURN {project: {id: p.id, name: p.name}, topic: {id: t.id, name: t.name}, team: team,
        reach: reach, assets: assets, lessons: lessons, experts: experts} AS row
