// The names a report shows ($nodes: their labels and ids), read in one
// statement once the report knows which entities it shows. Assets and
// lessons are named by their title.
UNWIND $nodes AS node
CALL (node) {
  WITH node WHERE node.label = 'Person'
  MATCH (n:Person {id: node.id}) RETURN n.name AS name
  UNION ALL
  WITH node WHERE node.label = 'Topic'
  MATCH (n:Topic {id: node.id}) RETURN n.name AS name
  UNION ALL
  WITH node WHERE node.label = 'Project'
  MATCH (n:Project {id: node.id}) RETURN n.name AS name
  UNION ALL
  WITH node WHERE node.label = 'OrgUnit'
  MATCH (n:OrgUnit {id: node.id}) RETURN n.name AS name
  UNION ALL
  WITH node WHERE node.label = 'Goal'
  MATCH (n:Goal {id: node.id}) RETURN n.name AS name
  UNION ALL
  WITH node WHERE node.label = 'KnowledgeAsset'
  MATCH (n:KnowledgeAsset {id: node.id}) RETURN n.title AS name
  UNION ALL
  WITH node WHERE node.label = 'Lesson'
  MATCH (n:Lesson {id: node.id}) RETURN n.title AS name
}
RETURN {label: node.label, id: node.id, name: name} AS row
