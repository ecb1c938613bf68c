import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type GraphQLSchema, isEnumType, isInputObjectType, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { ORGANISATIONAL_TYPES, PERSONAL_TYPES, RULES } from "../../src/auth/policy.js";
import { PROJECT_ROOT } from "../../src/paths.js";
import { roleMatrix, withRoleMatrix } from "../../src/server/role-matrix.js";
import { kmgraphSchema } from "../../src/server/schema.js";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await kmgraphSchema();
});

/** The object and input types a request can reach, without introspection's and the roots. */
function dataTypes(): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => (isObjectType(type) || isInputObjectType(type)) && !type.name.startsWith("__"))
    .map((type) => type.name)
    .filter((name) => name !== "Query" && name !== "Mutation");
}

describe("the role policy covers the schema", () => {
  it("gives every query and every mutation a rule of its own", () => {
    const missing = (["Query", "Mutation"] as const).flatMap((root) => {
      const type = root === "Query" ? schema.getQueryType() : schema.getMutationType();
      return Object.keys(type!.getFields())
        .map((field) => `${root}.${field}`)
        .filter((coordinate) => !RULES.has(coordinate));
    });
    expect(missing, "root fields without a rule in src/auth/policy.ts").toEqual([]);
  });

  it("classifies every type as organisational or personal, never both", () => {
    const unclassified = dataTypes().filter((name) => !ORGANISATIONAL_TYPES.has(name) && !PERSONAL_TYPES.has(name));
    const both = dataTypes().filter((name) => ORGANISATIONAL_TYPES.has(name) && PERSONAL_TYPES.has(name));
    expect(unclassified, "types in neither ORGANISATIONAL_TYPES nor PERSONAL_FIELDS").toEqual([]);
    expect(both).toEqual([]);
  });

  it("gives every field of a personal type a rule of its own", () => {
    const missing = [...PERSONAL_TYPES].flatMap((name) => {
      const type = schema.getType(name);
      if (!isObjectType(type) && !isInputObjectType(type)) return [`${name} (not a type of the schema)`];
      return Object.keys(type.getFields())
        .map((field) => `${name}.${field}`)
        .filter((coordinate) => !RULES.has(coordinate));
    });
    expect(missing, "personal fields without a rule").toEqual([]);
  });

  it("names only coordinates that exist", () => {
    const stale = [...RULES.keys()].filter((coordinate) => {
      const argument = /^(\w+)\.(\w+)\((\w+):\)$/.exec(coordinate);
      if (argument) {
        const type = schema.getType(argument[1]!);
        const field = isObjectType(type) ? type.getFields()[argument[2]!] : undefined;
        return !field?.args.some((arg) => arg.name === argument[3]);
      }
      const [typeName, member] = coordinate.split(".") as [string, string];
      const type = schema.getType(typeName);
      if (isEnumType(type)) return !type.getValue(member);
      if (isObjectType(type) || isInputObjectType(type)) return !(member in type.getFields());
      return true;
    });
    expect(stale, "rules for coordinates the schema does not have").toEqual([]);
  });
});

describe("docs/security.md", () => {
  it("prints the role matrix the policy makes (regenerate with `npm run docs:roles`)", async () => {
    const docs = await readFile(join(PROJECT_ROOT, "docs/security.md"), "utf8");
    expect(docs).toBe(withRoleMatrix(docs, roleMatrix(schema)));
  });
});
