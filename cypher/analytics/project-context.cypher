// Everything the coverage, gaps and maturity of a project depend on, for a
// batch of projects ($projects), one row each. Taxonomy reach stops at
// $maxHops (maxTaxonomyHops): the knowers of topics beyond it count for nothing.
// With $organisation false, the parts about the rest of the organisation
// (other knowers, useful assets, lessons) are left empty: gaps and maturity do
// not use them, and scanning every knower of every reachable topic is most of
// the cost of a project's context (TeamContext and ProjectContext in
// src/analytics/projections.ts).
UNWIND $projects AS projectId
MATCH (p:Project {id: projectId})
CALL (p) {
  MATCH (person:Person {active: true})-[w:WORKS_ON]->(p)
  WHERE (w.from IS NULL OR w.from <= date($asOf)) AND (w.to IS NULL OR w.to >= date($asOf))
  WITH DISTINCT person
  RETURN collect(person) AS members, collect(person.id) AS team
}
CALL (p) {
  MATCH (p)-[n:NEEDS]->(t:Topic)
  RETURN collect({topic: t.id, level: n.level, criticality: n.criticality}) AS needs
}
CALL (p) {
  CALL (p) {
    MATCH (p)-[:NEEDS]->(t:Topic) RETURN t
    UNION
    MATCH (p)-[:HAS_GAP]->(:KnowledgeGap)-[:ABOUT]->(t:Topic) RETURN t
  }
  MATCH path = (s:Topic)-[:BROADER*0..5]->(t)
  WITH t, s, min(length(path)) AS hops
  WHERE hops <= $maxHops
  RETURN collect({root: t.id, topic: s.id, hops: hops}) AS reach, collect(DISTINCT s) AS reachTopics
}
// Knowers: every team member who knows a reachable topic; of everybody else,
// per topic only the best (highest level, then first id): on one topic a
// higher level always wins, so nobody else can be the organisation's best
// (coverage breaks ties by level, hops, person id). A popular topic has
// thousands of knowers: each is read once, and only its level and whether the
// person is active and outside the team.
CALL (members, reachTopics) {
  UNWIND members AS person
  MATCH (person)-[k:KNOWS]->(s:Topic) WHERE s IN reachTopics
  RETURN collect({person: person.id, topic: s.id, level: k.level}) AS teamKnowers
}
CALL (members, reachTopics) {
  WITH members, reachTopics WHERE $organisation
  UNWIND reachTopics AS s
  CALL (s, members) {
    MATCH (s)<-[k:KNOWS]-(person)
    WHERE person.active = true AND NOT person IN members
    RETURN person.id AS first, k.level AS level
    ORDER BY level DESC, first
    LIMIT 1
  }
  RETURN collect({person: first, topic: s.id, level: level}) AS otherKnowers
}
// Coverage status needs only whether a reachable topic has an asset of
// quality >= $usefulQuality or a lesson; the lists come from topic-resources
// when a caller asks for them.
CALL (reachTopics) {
  WITH reachTopics WHERE $organisation
  UNWIND reachTopics AS s
  RETURN
    collect(CASE WHEN EXISTS { (s)<-[:COVERS]-(a:KnowledgeAsset) WHERE a.quality >= $usefulQuality } THEN s.id END) AS usefulAssetTopics,
    collect(CASE WHEN EXISTS { (s)<-[:ABOUT]-(:Lesson) } THEN s.id END) AS lessonTopics
}
CALL (p) {
  MATCH (p)-[:HAS_GAP]->(g:KnowledgeGap)
  OPTIONAL MATCH (g)-[:ABOUT]->(t:Topic)
  RETURN collect({
    id: g.id, topic: t.id, criticality: g.criticality, requiredLevel: g.requiredLevel, status: g.status,
    identifiedAt: g.identifiedAt, closedAt: g.closedAt,
    activities: COLLECT { MATCH (a:KMActivity)-[:TARGETS]->(g) WHERE a.status <> 'CANCELLED' RETURN a.id AS id ORDER BY id }
  }) AS gaps
}
CALL (p) {
  MATCH (p)-[:PLANS]->(a:KMActivity) WHERE a.status <> 'CANCELLED'
  RETURN count(a) AS activities, collect(DISTINCT a.phase) AS phases
}
CALL (p) {
  CALL (p) {
    MATCH (q:Project)-[:USED]->(:KnowledgeAsset)-[:PRODUCED_BY]->(p) WHERE q <> p RETURN q
    UNION
    MATCH (q:Project)-[:APPLIED]->(:Lesson)-[:LEARNED_IN]->(p) WHERE q <> p RETURN q
  }
  RETURN collect(q.id) AS reusedBy
}
RETURN {
  project: p.id, status: p.status, team: team, needs: needs, reach: reach,
  teamKnowers: teamKnowers, otherKnowers: otherKnowers,
  usefulAssetTopics: usefulAssetTopics, lessonTopics: lessonTopics, gaps: gaps, activities: activities, phases: phases,
  lessonsLearned: COUNT { (:Lesson)-[:LEARNED_IN]->(p) },
  reusesOthers: EXISTS { (p)-[:USED]->(:KnowledgeAsset)-[:PRODUCED_BY]->(q:Project) WHERE q <> p }
             OR EXISTS { (p)-[:APPLIED]->(:Lesson)-[:LEARNED_IN]->(q:Project) WHERE q <> p },
  reusedBy: reusedBy
} AS row
