import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import { COMPUTED_LISTS, pageSize } from "../config.js";
import { AppError } from "../errors.js";
import { DEFAULT_PAGE_SIZE } from "../services/paging.js";
import type { OperationCheck } from "./admission.js";

// The cost of a query, known before it runs: the most values its answer can
// hold. A leaf costs 1; a field with a selection costs 1 plus what its
// selection costs, times its page size when it has one: `first` (the root
// connections, and every nested list: src/config.ts LIST_PAGES) or `limit`
// (the expert finder, reuse paths, the organisation's gaps…), as written in
// the query, given by a variable, or the argument's default when omitted. A
// fragment costs what its fields cost each time it is spread.
//
// graphql-armor's cost limit cannot do this: it reads `first` only when it is
// a literal, knows neither variables nor the schema's defaults, and cannot
// tell a list from an object, so a nested list without `first` counted once
// however long it was. armor keeps the limits it does count (depth, aliases,
// directives); this rule replaces its cost limit.

/** The page arguments a list's size is read from, in order. */
const PAGE_ARGUMENTS = ["first", "limit"] as const;

/** Introspection answers from the schema, never from Neo4j, and code generators send the standard query. */
const INTROSPECTION_FIELDS = new Set(["__schema", "__type"]);

/**
 * The cost of the operation (`operationName`, or the document's only one)
 * with these variables. Throws BAD_USER_INPUT when a nested list asks for
 * more than its maximum, naming the field, the maximum and the value.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
  operationName?: string | null,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map<string, ValueNode | undefined>(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      definition.defaultValue,
    ]),
  );
  // A fragment costs the same wherever it is spread: worked out once, so a
  // document that spreads fragments inside fragments is costed in linear time.
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (type: GraphQLNamedType, set: SelectionSetNode, isRoot: boolean): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(type, selection.name.value, selection, isRoot);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += selectionCost(on ?? type, selection.selectionSet, isRoot);
      } else {
        const name = selection.name.value;
        let known = fragmentCosts.get(name);
        if (known === undefined) {
          const fragment = fragments.get(name);
          const on = fragment && schema.getType(fragment.typeCondition.name.value);
          // Validation refuses cycles before this runs; the guard only keeps a bad document finite.
          fragmentCosts.set(name, 0);
          known = fragment && on ? selectionCost(on, fragment.selectionSet, isRoot) : 0;
          fragmentCosts.set(name, known);
        }
        cost += known;
      }
    }
    return cost;
  };

  const fieldCost = (
    parent: GraphQLNamedType,
    name: string,
    node: { readonly selectionSet?: SelectionSetNode; readonly arguments?: readonly ArgumentLike[] },
    isRoot: boolean,
  ): number => {
    if (INTROSPECTION_FIELDS.has(name)) return 0;
    if (!node.selectionSet) return 1;
    const field = fieldOf(parent, name);
    if (!field) return 1;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) return 1;
    const below = 1 + selectionCost(type, node.selectionSet, false);
    return below * pageOf(parent, field, node.arguments ?? [], isRoot);
  };

  /** How many items the field's page holds: its `first` or `limit`, else 1. */
  const pageOf = (
    parent: GraphQLNamedType,
    field: GraphQLField<unknown, unknown>,
    args: readonly ArgumentLike[],
    isRoot: boolean,
  ): number => {
    for (const argName of PAGE_ARGUMENTS) {
      const definition = field.args.find((arg) => arg.name === argName);
      if (!definition) continue;
      const given = args.find((arg) => arg.name.value === argName)?.value;
      const value = given === undefined ? definition.defaultValue : argumentValue(given);
      const coordinate = `${parent.name}.${field.name}`;
      // The root connections and the finder check their own page before they read.
      if (!isRoot && (argName === "first" || COMPUTED_LISTS.has(coordinate))) {
        return pageSize(coordinate, asCount(value), argName);
      }
      // A root connection's `first` has its default in the resolver (services/paging.ts), not in the schema.
      return asCount(value) ?? (argName === "first" ? DEFAULT_PAGE_SIZE : 1);
    }
    return 1;
  };

  const argumentValue = (value: ValueNode): unknown => {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.NULL) return null;
    if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      if (Object.hasOwn(variables, name)) return variables[name];
      const fallback = defaults.get(name);
      return fallback ? argumentValue(fallback) : undefined;
    }
    return undefined;
  };

  return selectionCost(root, operation.selectionSet, true);
}

interface ArgumentLike {
  readonly name: { readonly value: string };
  readonly value: ValueNode;
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}

/** A page size as given, or undefined (null, omitted, or not a number: the field's default applies, or validation refuses it). */
function asCount(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/**
 * The cost limit, checked once the operation is resolved and its variables
 * are known, and before access control and any resolver, so before any
 * Cypher. Over the limit: QUERY_TOO_COSTLY, with the limit and the value.
 */
export function costLimit(maxCost: number): OperationCheck {
  return ({ schema, document, request, operationName }) => {
    let cost: number;
    try {
      cost = operationCost(schema, document, request.variables ?? {}, operationName);
    } catch (error) {
      if (error instanceof AppError) throw refused(error);
      throw error;
    }
    if (cost > maxCost) {
      throw refused(
        new AppError("QUERY_TOO_COSTLY", `the query's estimated cost is ${cost}; at most ${maxCost} is allowed`),
      );
    }
  };
}

function refused(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400 } } });
}
