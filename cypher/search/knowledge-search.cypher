// Full-text hits of every kind in $kinds that pass the filters, with what the
// ranking needs: the full-text score, quality, reuse count and date. $query is
// a Lucene query the caller has escaped. At most $perKind hits per kind.
// Dates leave as ISO text: a search returns up to thousands of rows, and the
// driver builds each Neo4j Date with 64-bit integer arithmetic in JavaScript,
// which was the largest cost of a search in the API's CPU profile.
CALL () {
  CALL db.index.fulltext.queryNodes('knowledge_asset_text', $query) YIELD node, score
  WHERE 'ASSET' IN $kinds
    AND ($assetKinds IS NULL OR node.kind IN $assetKinds)
    AND ($topic IS NULL OR EXISTS { (node)-[:COVERS]->(:Topic)-[:BROADER*0..2]->(:Topic {id: $topic}) })
    AND ($unit IS NULL OR EXISTS { (node)-[:PRODUCED_BY]->(:Project)-[:OWNED_BY]->(:OrgUnit {id: $unit}) }
                       OR EXISTS { (node)<-[:AUTHORED]-(:Person)-[:MEMBER_OF]->(:OrgUnit {id: $unit}) })
    AND ($project IS NULL OR EXISTS { (node)-[:PRODUCED_BY]->(:Project {id: $project}) }
                          OR EXISTS { (node)<-[:USED]-(:Project {id: $project}) })
    AND ($from IS NULL OR coalesce(node.reviewedAt, node.publishedAt) >= date($from))
    AND ($to IS NULL OR coalesce(node.reviewedAt, node.publishedAt) <= date($to))
  WITH node, score ORDER BY score DESC, node.id LIMIT $perKind
  RETURN 'ASSET' AS kind, node.id AS id, node.title AS title, score, node.quality AS quality, null AS status,
         COUNT { MATCH (q:Project)-[:USED]->(node) WHERE NOT EXISTS { (node)-[:PRODUCED_BY]->(q) } } AS reuse,
         toString(coalesce(node.reviewedAt, node.publishedAt)) AS date
  UNION ALL
  CALL db.index.fulltext.queryNodes('lesson_text', $query) YIELD node, score
  WHERE 'LESSON' IN $kinds AND $assetKinds IS NULL
    AND ($topic IS NULL OR EXISTS { (node)-[:ABOUT]->(:Topic)-[:BROADER*0..2]->(:Topic {id: $topic}) })
    AND ($unit IS NULL OR EXISTS { (node)-[:LEARNED_IN]->(:Project)-[:OWNED_BY]->(:OrgUnit {id: $unit}) })
    AND ($project IS NULL OR EXISTS { (node)-[:LEARNED_IN]->(:Project {id: $project}) }
                          OR EXISTS { (node)<-[:APPLIED]-(:Project {id: $project}) })
    AND ($from IS NULL OR node.recordedAt >= date($from))
    AND ($to IS NULL OR node.recordedAt <= date($to))
  WITH node, score ORDER BY score DESC, node.id LIMIT $perKind
  RETURN 'LESSON' AS kind, node.id AS id, node.title AS title, score, null AS quality, node.status AS status,
         COUNT { MATCH (q:Project)-[:APPLIED]->(node) WHERE NOT EXISTS { (node)-[:LEARNED_IN]->(q) } } AS reuse,
         toString(node.recordedAt) AS date
  UNION ALL
  CALL db.index.fulltext.queryNodes('topic_text', $query) YIELD node, score
  WHERE 'TOPIC' IN $kinds AND $assetKinds IS NULL AND $unit IS NULL AND $from IS NULL AND $to IS NULL
    AND ($topic IS NULL OR EXISTS { (node)-[:BROADER*0..2]->(:Topic {id: $topic}) })
    AND ($project IS NULL OR EXISTS { (node)<-[:NEEDS]-(:Project {id: $project}) })
  WITH node, score ORDER BY score DESC, node.id LIMIT $perKind
  RETURN 'TOPIC' AS kind, node.id AS id, node.name AS title, score, null AS quality, null AS status, 0 AS reuse, null AS date
  UNION ALL
  CALL db.index.fulltext.queryNodes('person_text', $query) YIELD node, score
  WHERE 'PERSON' IN $kinds AND node.active = true AND $assetKinds IS NULL AND $from IS NULL AND $to IS NULL
    AND ($topic IS NULL OR EXISTS { (node)-[:KNOWS]->(:Topic)-[:BROADER*0..2]->(:Topic {id: $topic}) })
    AND ($unit IS NULL OR EXISTS { (node)-[:MEMBER_OF]->(:OrgUnit {id: $unit}) })
    AND ($project IS NULL OR EXISTS { (node)-[:WORKS_ON]->(:Project {id: $project}) })
  WITH node, score ORDER BY score DESC, node.id LIMIT $perKind
  RETURN 'PERSON' AS kind, node.id AS id, node.name AS title, score, null AS quality, null AS status, 0 AS reuse, null AS date
}
RETURN {kind: kind, id: id, title: title, score: score, quality: quality, status: status, reuse: reuse, date: date} AS row
