// The topics whose name or description best match $query (a Lucene query the
// caller has escaped), at most $limit, best first.
CALL db.index.fulltext.queryNodes('topic_text', $query) YIELD node, score
RETURN node.id AS id
ORDER BY score DESC, id
LIMIT $limit
