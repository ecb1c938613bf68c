import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isObjectType,
} from "graphql";
// graphql-js's own field collection (fragments, type conditions, @skip and
// @include), so that a shape groups fields exactly as execution will.
// Internal to graphql 16 but stable across its releases.
import { collectSubfields } from "graphql/execution/collectFields.js";
import { pageSize } from "../config.js";
import type { Label } from "../model/entities.js";
import { ALL_PROPERTIES, type Link, otherEnd, type RelationshipFilter, type Shape, storedProperties } from "./shape.js";
import { type Traversal, traversalOf, WALK_ARGUMENTS } from "./traversals.js";

/**
 * What to read of the `label` node(s) the query selects at `path` below the
 * field being resolved (`[]`: the field's own value; `["edges", "node"]`: a
 * connection's nodes): the stored properties selected there, and every
 * relationship field below (TRAVERSALS), to any depth, so that one
 * statement answers the whole nested selection and the nested resolvers
 * find their values in the records (see servePrefetched).
 * Safe by construction: a stored property is read when its field is
 * selected; other fields of object type need only the id (analytics take
 * the id); any other field, which a resolver might compute from other
 * properties, makes the read return them all.
 */
export function nodeShape(info: GraphQLResolveInfo, label: Label, path: readonly string[] = []): Shape {
  return cached(info, `node:${label}:${path.join(".")}`, () => {
    let type = getNamedType(info.returnType);
    let fields: readonly FieldNode[] = info.fieldNodes;
    let prefetch = true;
    for (const name of path) {
      if (!isObjectType(type)) return ALL_PROPERTIES;
      const found = [...subfields(info, type, fields)].filter(([, nodes]) => nodes[0]!.name.value === name);
      // Two aliases of one field hold the same objects: their selections
      // would meet in one record, so they share properties but walk nothing.
      if (found.length > 1) prefetch = false;
      fields = found.flatMap(([, nodes]) => nodes);
      const field = type.getFields()[name];
      if (!field) return ALL_PROPERTIES;
      type = getNamedType(field.type);
    }
    return isObjectType(type) ? shapeOf(info, label, type, fields, prefetch) : ALL_PROPERTIES;
  });
}

/**
 * The walk the relationship field being resolved stands for (TRAVERSALS),
 * with its arguments and what it reads below, for a parent read without it.
 */
export function linkShape(info: GraphQLResolveInfo): Link {
  return cached(info, "link", () => {
    const traversal = traversalOf(info.parentType.name, info.fieldName);
    if (!traversal) throw new Error(`${info.parentType.name}.${info.fieldName} is not a traversal`);
    const link = linkOf(info, info.parentType, info.path.key as string, info.fieldNodes, traversal);
    if (!link) throw new Error(`${info.parentType.name}.${info.fieldName} takes arguments a walk cannot apply`);
    return link;
  });
}

function shapeOf(
  info: GraphQLResolveInfo,
  label: Label,
  type: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  prefetch: boolean,
): Shape {
  const stored = storedProperties(label);
  const fields = type.getFields();
  const properties: string[] = [];
  const links: Link[] = [];
  let all = false;
  for (const [key, nodes] of subfields(info, type, fieldNodes)) {
    const name = nodes[0]!.name.value;
    // `id` is always read.
    if (name === "__typename" || name === "id") continue;
    if (stored.has(name)) {
      properties.push(name);
      continue;
    }
    const traversal = traversalOf(type.name, name);
    const link = traversal && prefetch ? linkOf(info, type, key, nodes, traversal) : undefined;
    if (link) links.push(link);
    else if (!(fields[name] && isCompositeType(getNamedType(fields[name].type)))) all = true;
  }
  return { properties: all ? "*" : properties, links };
}

/** The link of a relationship field, or undefined when it takes an argument a walk cannot apply. */
function linkOf(
  info: GraphQLResolveInfo,
  type: GraphQLObjectType,
  key: string,
  nodes: readonly FieldNode[],
  traversal: Traversal,
): Link | undefined {
  const field = type.getFields()[nodes[0]!.name.value]!;
  const args = getArgumentValues(field, nodes[0]!, info.variableValues);
  if (Object.keys(args).some((name) => !(WALK_ARGUMENTS as readonly string[]).includes(name))) return undefined;
  const filter: RelationshipFilter = {
    minLevel: (args.minLevel as number | undefined) ?? null,
    activeOn: (args.activeOn as string | undefined) ?? null,
  };
  // Checked here, before the statement that walks it is sent, whether the walk is prefetched or loaded.
  const first =
    traversal.kind === "one" ? null : pageSize(`${type.name}.${field.name}`, args.first as number | undefined);
  const { relation, direction } = traversal;
  const end = otherEnd(relation, direction);
  const returned = getNamedType(field.type);
  if (!isObjectType(returned)) return undefined;
  if (traversal.kind !== "edges") {
    const node = shapeOf(info, end, returned, nodes, true);
    return { kind: traversal.kind, key, relation, direction, filter, first, node };
  }
  const properties = new Set(Object.keys(relation.properties?.shape ?? {}));
  const props: string[] = [];
  let allProps = false;
  const ends: (readonly FieldNode[])[] = [];
  for (const [, edgeNodes] of subfields(info, returned, nodes)) {
    const name = edgeNodes[0]!.name.value;
    if (name === traversal.as) ends.push(edgeNodes);
    else if (properties.has(name)) props.push(name);
    else if (name !== "__typename") allProps = true;
  }
  const endType = getNamedType(returned.getFields()[traversal.as]!.type);
  if (!isObjectType(endType)) return undefined;
  const node = shapeOf(info, end, endType, ends.flat(), ends.length <= 1);
  const projection = allProps ? "*" : props;
  return { kind: "edges", key, relation, direction, filter, first, as: traversal.as, props: projection, node };
}

/** The fields selected on `type` below `nodes`, by response key, as graphql-js's execution collects them. */
export function subfields(
  info: GraphQLResolveInfo,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
): Map<string, readonly FieldNode[]> {
  return collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
}

// graphql-js hands every item of a list the same `fieldNodes` array, and one
// request the same `variableValues`: a shape is worked out once per field of
// the request, not once per parent. Arguments and @skip/@include may depend on
// the variables, so shapes are not shared across requests.
const cache = new WeakMap<readonly FieldNode[], WeakMap<object, Map<string, unknown>>>();

function cached<T>(info: GraphQLResolveInfo, key: string, compute: () => T): T {
  let byRequest = cache.get(info.fieldNodes);
  if (!byRequest) {
    byRequest = new WeakMap();
    cache.set(info.fieldNodes, byRequest);
  }
  let entries = byRequest.get(info.variableValues);
  if (!entries) {
    entries = new Map();
    byRequest.set(info.variableValues, entries);
  }
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}
