// The assets covering and the lessons about each topic of $topics: the lists
// a project's coverage shows per need (project-context only says whether
// there are any).
UNWIND $topics AS topicId
MATCH (s:Topic {id: topicId})
RETURN {
  topic: s.id,
  assets: COLLECT { MATCH (a:KnowledgeAsset)-[:COVERS]->(s) RETURN {id: a.id, quality: a.quality} },
  lessons: COLLECT { MATCH (l:Lesson)-[:ABOUT]->(s) RETURN l.id }
} AS row
