// Lessons stuck at IDENTIFIED, each with its origin project, its topics and
// the active projects (ACTIVE or PLANNED) other than its origin that need one
// of those topics.
MATCH (l:Lesson {status: 'IDENTIFIED'})
OPTIONAL MATCH (l)-[:LEARNED_IN]->(o:Project)
RETURN {
  id: l.id, title: l.title, project: o.id, recordedAt: l.recordedAt,
  topics: COLLECT { MATCH (l)-[:ABOUT]->(t:Topic) RETURN DISTINCT t.id AS id ORDER BY id },
  neededBy: COLLECT {
    MATCH (l)-[:ABOUT]->(:Topic)<-[:NEEDS]-(q:Project)
    WHERE q.status IN ['ACTIVE', 'PLANNED'] AND (o IS NULL OR q <> o)
    RETURN DISTINCT q.id AS id ORDER BY id
  }
} AS row
ORDER BY l.id
