// The nested-read compiler: a GraphQL selection becomes a shape (selection.ts,
// with the walks of traversals.ts), a shape becomes one Cypher statement
// (shape-cypher.ts, and the reads of reads.ts and connection.ts), and its rows
// become records that hold the walked values, which the relationship fields
// then serve without a resolver (prefetched.ts). It knows graphql-js, the
// model and the database's types, nothing of a request: the loaders send
// what it compiles, the resolvers ask it for shapes. Only what they and the
// server use is exported here.

export { connection, type Ordering, type Page, type PageRequest } from "./connection.js";
export type { FilterValues } from "./filters.js";
export { answer, type NestedRead } from "./nested-read.js";
export { servePrefetched } from "./prefetched.js";
export { nodesById, type RelatedRecord, related } from "./reads.js";
export { linkShape, nodeShape, subfields } from "./selection.js";
export {
  ALL_PROPERTIES,
  type Projection,
  type RelatedShape,
  type RelationshipFilter,
  type Shape,
  shapeKey,
} from "./shape.js";
