// What a MEMBER's write rules ask about a lesson (and a project): who recorded it, and whether the caller works on it.
OPTIONAL MATCH (lesson:Lesson {id: $lesson})
RETURN {
  recordedBySelf: EXISTS { MATCH (:Person {id: $person})-[:RECORDED]->(lesson) },
  recordedByOthers: EXISTS { MATCH (other:Person)-[:RECORDED]->(lesson) WHERE other.id <> $person },
  worksOnProject: $project IS NOT NULL AND EXISTS { MATCH (:Person {id: $person})-[:WORKS_ON]->(:Project {id: $project}) }
} AS row
