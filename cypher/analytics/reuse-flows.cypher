// Actual reuse between projects: one `[from, to]` per asset a project USED
// that another produced, and per lesson a project APPLIED that was learned in
// another; and `[project, unit]` for the units that own the projects. Lists,
// not maps: a large organisation has hundreds of thousands of them.
CALL () {
  MATCH (q:Project)<-[:PRODUCED_BY]-(:KnowledgeAsset)<-[:USED]-(p:Project) WHERE q <> p
  RETURN collect([q.id, p.id]) AS assetFlows
}
CALL () {
  MATCH (q:Project)<-[:LEARNED_IN]-(:Lesson)<-[:APPLIED]-(p:Project) WHERE q <> p
  RETURN collect([q.id, p.id]) AS lessonFlows
}
CALL () {
  MATCH (p:Project)-[:OWNED_BY]->(u:OrgUnit)
  RETURN collect([p.id, u.id]) AS owners
}
RETURN {assetFlows: assetFlows, lessonFlows: lessonFlows, owners: owners} AS row
