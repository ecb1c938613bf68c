import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";

// Operations built from the schema itself, so that a test covering "every
// mutation" or "every personal field" covers the new ones without edits.

const SCALAR_LITERALS: Record<string, string> = {
  Int: "1",
  Float: "1.5",
  Boolean: "true",
  LocalDate: '"2025-01-01"',
  DateTimeISO: '"2025-01-01T00:00:00Z"',
  JSONObject: "{}",
};

/** A literal of `type` with every required input field filled; `id` for IDs and strings. */
export function literalOf(type: GraphQLInputType, id = "x-missing"): string {
  if (isNonNullType(type)) return literalOf(type.ofType, id);
  if (isListType(type)) return `[${literalOf(type.ofType, id)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${fields.map((f) => `${f.name}: ${literalOf(f.type, id)}`).join(", ")} }`;
  }
  return SCALAR_LITERALS[type.name] ?? JSON.stringify(id);
}

/** `(a: …, b: …)` for the required arguments, or "". */
export function requiredArguments(args: readonly GraphQLArgument[], id = "x-missing"): string {
  const required = args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  return required.length === 0 ? "" : `(${required.map((a) => `${a.name}: ${literalOf(a.type, id)}`).join(", ")})`;
}

/** A selection that is valid under a field of this type: `{ __typename }` for composite types. */
export function leafSelection(type: GraphQLNamedType): string {
  return isObjectType(type) || isInterfaceType(type) ? " { __typename }" : "";
}

/** `mutation { name(required args) { __typename } }` */
export function mutationCall(field: GraphQLField<unknown, unknown>, id = "x-missing"): string {
  return `mutation { ${field.name}${requiredArguments(field.args, id)}${leafSelection(getNamedType(field.type))} }`;
}

/**
 * A query reaching `Type.field` by the shortest path of fields from Query,
 * required arguments filled: `{ a(id: "x") { b { field { __typename } } } }`.
 */
export function queryReaching(schema: GraphQLSchema, typeName: string, fieldName: string): string | undefined {
  const query = schema.getQueryType()!;
  const seen = new Set<string>([query.name]);
  let frontier: { type: string; path: string[] }[] = [{ type: query.name, path: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { type, path } of frontier) {
      const named = schema.getType(type);
      if (!isObjectType(named)) continue;
      if (type === typeName) {
        const field = named.getFields()[fieldName]!;
        const leaf = `${fieldName}${requiredArguments(field.args)}${leafSelection(getNamedType(field.type))}`;
        return `{ ${path.map((step) => `${step} { `).join("")}${leaf}${" }".repeat(path.length)} }`;
      }
      for (const field of Object.values(named.getFields())) {
        const target = getNamedType(field.type);
        if (!isObjectType(target) || seen.has(target.name)) continue;
        seen.add(target.name);
        next.push({ type: target.name, path: [...path, `${field.name}${requiredArguments(field.args)}`] });
      }
    }
    frontier = next;
  }
  return undefined;
}
