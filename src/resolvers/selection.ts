import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";
import type { RelatedProjection } from "../loaders/loaders.js";
import type { Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { storedProperties, type Projection } from "../repositories/reads.js";

/**
 * Whether the query selects the field at `path` below the field being
 * resolved, through fragments too (directives are ignored: at worst a field
 * is computed and not sent). Lets a resolver skip reads nobody asked for.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const within = (set: SelectionSetNode | undefined, rest: readonly string[]): boolean => {
    if (!set) return false;
    return set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return selection.name.value === rest[0] && (rest.length === 1 || within(selection.selectionSet, rest.slice(1)));
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet, rest);
      return within(info.fragments[selection.name.value]?.selectionSet, rest);
    });
  };
  return info.fieldNodes.some((node) => within(node.selectionSet, path));
}

/**
 * The stored properties of a `label` node that the query selects at `path`
 * below the field being resolved (`[]`: the field's own value;
 * `["edges", "node"]`: a connection's nodes), for a read to return only those.
 * Safe by construction: a stored property is read when its field is selected;
 * fields of object type need only the id (relationships go through the
 * loaders, analytics take the id); any other field, which a resolver might
 * compute from other properties, makes the read return them all.
 */
export function nodeProjection(info: GraphQLResolveInfo, label: Label, path: readonly string[] = []): Projection {
  return cached(info, `node:${label}:${path.join(".")}`, () => projectionOf(info, label, fieldNames(info, path)));
}

/**
 * For a relationship field of an edge type (`team { role person { name } }`):
 * the relationship properties selected on the edge and the stored properties
 * selected on its node under `as`.
 */
export function edgeProjection(info: GraphQLResolveInfo, relation: RelationSpec, label: Label, as: string): RelatedProjection {
  return cached(info, `edge:${relation.key}:${label}:${as}`, () => {
    const properties = new Set(Object.keys(relation.properties?.shape ?? {}));
    const props: string[] = [];
    for (const name of fieldNames(info, [])) {
      if (properties.has(name)) props.push(name);
      else if (name !== as && name !== "__typename") return { node: nodeProjection(info, label, [as]), props: "*" };
    }
    return { node: nodeProjection(info, label, [as]), props };
  });
}

function projectionOf(info: GraphQLResolveInfo, label: Label, names: ReadonlySet<string>): Projection {
  const type = info.schema.getType(label);
  if (!isObjectType(type)) return "*";
  const stored = storedProperties(label);
  const fields = type.getFields();
  const selected: string[] = [];
  for (const name of names) {
    // `id` is always read.
    if (name === "__typename" || name === "id") continue;
    if (stored.has(name)) selected.push(name);
    else if (!(fields[name] && isCompositeType(getNamedType(fields[name].type)))) return "*";
  }
  return selected;
}

/** Names of the fields selected at `path` below the field being resolved, through fragments. */
function fieldNames(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, rest: readonly string[]): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (rest.length === 0) names.add(selection.name.value);
        else if (selection.name.value === rest[0]) visit(selection.selectionSet, rest.slice(1));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, rest);
      else visit(info.fragments[selection.name.value]?.selectionSet, rest);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, path);
  return names;
}

// graphql-js hands every item of a list the same `fieldNodes` array, so the
// projection is worked out once per field of the query, not once per parent.
const cache = new WeakMap<readonly FieldNode[], Map<string, unknown>>();

function cached<T>(info: GraphQLResolveInfo, key: string, compute: () => T): T {
  let entries = cache.get(info.fieldNodes);
  if (!entries) cache.set(info.fieldNodes, (entries = new Map()));
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}
