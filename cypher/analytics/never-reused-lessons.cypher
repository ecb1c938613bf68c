// Lessons that no project other than their origin applied (any project, for
// a lesson without one), in id order after $after, at most $limit. With
// $neededOnly, only those whose topics an active project other than their
// origin needs: the lessons whose neededBy (src/analytics/reuse-flows.ts) is
// not empty. Walks the lessons in the order of the id index and stops at the
// limit, so a page costs the same however many lessons there are.
CALL () {
  MATCH (l:Lesson) WHERE l.id > $after
  WITH l ORDER BY l.id
  OPTIONAL MATCH (l)-[:LEARNED_IN]->(o:Project)
  WITH l, o
  WHERE NOT EXISTS { MATCH (q:Project)-[:APPLIED]->(l) WHERE o IS NULL OR q <> o }
    AND (NOT $neededOnly OR EXISTS {
      MATCH (l)-[:ABOUT]->(:Topic)<-[:NEEDS]-(q:Project)
      WHERE q.status IN ['ACTIVE', 'PLANNED'] AND (o IS NULL OR q <> o)
    })
  WITH l, o LIMIT $limit
  RETURN collect({lesson: l.id, project: o.id, topics: COLLECT { MATCH (l)-[:ABOUT]->(t:Topic) RETURN t.id AS id }}) AS lessons
}
// The active projects needing the page's topics, each topic once.
CALL (lessons) {
  UNWIND lessons AS lesson
  UNWIND lesson.topics AS topic
  WITH DISTINCT topic
  MATCH (:Topic {id: topic})<-[:NEEDS]-(q:Project) WHERE q.status IN ['ACTIVE', 'PLANNED']
  RETURN collect({topic: topic, project: q.id}) AS activeNeeds
}
RETURN {lessons: lessons, activeNeeds: activeNeeds} AS row
