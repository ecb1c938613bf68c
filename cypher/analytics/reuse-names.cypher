// The names the paths of the returned reuse candidates show ($nodes: their
// labels and ids): read for those few, not for the thousands ranked.
UNWIND $nodes AS node
CALL (node) {
  WITH node WHERE node.label = 'KnowledgeAsset'
  MATCH (n:KnowledgeAsset {id: node.id}) RETURN n.title AS name
  UNION ALL
  WITH node WHERE node.label = 'Lesson'
  MATCH (n:Lesson {id: node.id}) RETURN n.title AS name
  UNION ALL
  WITH node WHERE node.label = 'Person'
  MATCH (n:Person {id: node.id}) RETURN n.name AS name
  UNION ALL
  WITH node WHERE node.label = 'Project'
  MATCH (n:Project {id: node.id}) RETURN n.name AS name
}
RETURN {label: node.label, id: node.id, name: name} AS row
