// Active people at level 2 or more on each topic of $topics, with the active
// projects needing that topic they work on at $asOf.
UNWIND $topics AS topicId
MATCH (t:Topic {id: topicId})<-[k:KNOWS]-(x:Person {active: true})
WHERE k.level >= 2
RETURN {
  topic: topicId, person: x.id, level: k.level,
  sharedProjects: COLLECT {
    MATCH (x)-[w:WORKS_ON]->(p:Project)-[:NEEDS]->(t)
    WHERE p.status IN ['ACTIVE', 'PLANNED']
      AND (w.from IS NULL OR w.from <= date($asOf)) AND (w.to IS NULL OR w.to >= date($asOf))
    RETURN DISTINCT p.id AS id ORDER BY id
  }
} AS row
