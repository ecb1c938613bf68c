import {
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from "graphql";
import { subfields } from "../nested-read/index.js";

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
 * The arguments of each field named `name` that the query selects on the value
 * of the field being resolved (an object type), one entry per response key:
 * `coverage(asOf: "2026-01-01")` and an alias of it at another date give two.
 */
export function selectedArguments(info: GraphQLResolveInfo, name: string): Record<string, unknown>[] {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return [];
  const field = type.getFields()[name];
  if (!field) return [];
  return [...subfields(info, type, info.fieldNodes).values()]
    .filter((nodes) => nodes[0]!.name.value === name)
    .map((nodes) => getArgumentValues(field, nodes[0]!, info.variableValues));
}
