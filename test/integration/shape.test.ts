import {
  buildSchema,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  parse,
} from "graphql";
import { describe, expect, it } from "vitest";
import { RELATIONS } from "../../src/model/relations.js";
import { nodeShape } from "../../src/nested-read/selection.js";
import { TRAVERSALS } from "../../src/nested-read/traversals.js";
import { kmgraphSchema } from "../../src/server/schema.js";
import { smallOrg } from "../fixtures/small-org.js";
import { countRoundTrips, query, useGraph } from "../support/graph.js";

// The shape of a read: only the stored properties a query selects (and id),
// all of them when it cannot tell, and every relationship field below walked
// in the same statement.

/** `info` as a resolver of the query's first root field would get it. */
function infoFor(text: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  const schema = buildSchema(`
    type Query { person: Person topic: Topic }
    type OrgUnit { id: ID! name: String }
    type Person { id: ID! name: String email: String title: String createdAt: String initials: String orgUnit: OrgUnit }
    type Topic { id: ID! name: String experts(minLevel: Int = 4): [TopicExpert] }
    type TopicExpert { level: Int source: String person: Person }
  `);
  const document = parse(text);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  const queryType = schema.getQueryType()!;
  return {
    schema,
    fieldNodes: [field],
    fragments,
    variableValues,
    parentType: queryType,
    returnType: queryType.getFields()[field.name.value]!.type,
    path: { key: field.alias?.value ?? field.name.value, prev: undefined, typename: "Query" },
  } as unknown as GraphQLResolveInfo;
}

describe("the shape of a selection", () => {
  it("reads the selected stored properties through fragments, and walks the relationship fields", () => {
    const info = infoFor(`
      query { person { __typename name ... on Person { email } ...More unit: orgUnit { name } } }
      fragment More on Person { createdAt id }`);
    expect(nodeShape(info, "Person")).toEqual({
      properties: ["name", "email", "createdAt"],
      links: [
        {
          kind: "one",
          key: "unit",
          relation: RELATIONS.MemberOf,
          direction: "out",
          filter: { minLevel: null, activeOn: null },
          first: null,
          node: { properties: ["name"], links: [] },
        },
      ],
    });
  });

  it("falls back to every property for a field that is not stored", () => {
    expect(nodeShape(infoFor(`{ person { name initials } }`), "Person").properties).toBe("*");
  });

  it("honours @skip and @include with the request's variables", () => {
    const text = `query ($s: Boolean!) { person { name @skip(if: $s) email } }`;
    expect(nodeShape(infoFor(text, { s: true }), "Person").properties).toEqual(["email"]);
    expect(nodeShape(infoFor(text, { s: false }), "Person").properties).toEqual(["name", "email"]);
  });

  it("splits an edge into its relationship properties and its node's, with the field's arguments and defaults", () => {
    const [link] = nodeShape(
      infoFor(`query ($m: Int) { topic { experts(minLevel: $m) { level person { id title } } } }`, { m: 2 }),
      "Topic",
    ).links;
    expect(link).toMatchObject({
      kind: "edges",
      as: "person",
      props: ["level"],
      filter: { minLevel: 2 },
      first: 50,
      node: { properties: ["title"] },
    });
    const [byDefault] = nodeShape(infoFor(`{ topic { experts { person { id } } } }`), "Topic").links;
    expect(byDefault?.filter.minLevel).toBe(4);
  });
});

describe("the traversal table", () => {
  it("names a resolved relationship field of the schema for every entry, and a to-one walk only where the start has at most one", async () => {
    const schema = await kmgraphSchema();
    for (const [typeName, traversals] of Object.entries(TRAVERSALS)) {
      const type = schema.getType(typeName) as { getFields(): Record<string, { resolve?: unknown }> };
      for (const [fieldName, traversal] of Object.entries(traversals)) {
        expect(type.getFields()[fieldName]?.resolve, `${typeName}.${fieldName}`).toBeTypeOf("function");
        if (traversal.kind === "one") {
          expect(traversal.relation.single, `${typeName}.${fieldName}`).toBe(
            traversal.direction === "out" ? "from" : "to",
          );
        }
      }
    }
  });
});

describe("a nested read", () => {
  const graph = useGraph(smallOrg);

  const NESTED = `
    fragment Who on Person { name email }
    query ($ids: [ID!], $on: LocalDate) { projects(first: 10, filter: { ids: $ids }) { edges { node {
        id ... on Project { name }
        orgUnit { id }
        team(activeOn: $on) { role person { ...Who expertise(minLevel: 4) { level topic { id name } } } }
        needs { level topic { id experts { level person { id orgUnit { name } } } } }
    } } } }`;

  it("is one statement returning only what the query selects, at every level", async () => {
    const { result, queries } = await countRoundTrips(graph.db, () => query(graph, NESTED, { ids: ["pr-latrines"] }));
    expect(queries).toHaveLength(1);
    const cypher = queries[0]!.cypher;
    expect(cypher).not.toContain("{.*}");
    expect(cypher).not.toContain("properties(");
    expect(cypher).toContain("[n.id, n.name, v0, v1, v3]");
    expect(cypher).toContain("[r1.role, [m1.id, m1.name, m1.email, v2]]");
    const project = result.projects.edges[0].node;
    expect(project).toMatchObject({ id: "pr-latrines", name: "School latrines pilot", orgUnit: { id: "u-wash" } });
    expect(project.team.map((member: any) => member.role)).toEqual(["lead", "engineer"]);
    for (const member of project.team)
      expect(Object.keys(member.person).sort()).toEqual(["email", "expertise", "name"]);
  });

  it("answers as the loaders do, in the same order, level by level", async () => {
    // Two aliases of `edges` make the first level resolve through the loaders (see nodeShape).
    const split = NESTED.replace("edges { node {", "other: edges { node { id } } edges { node {");
    const variables = { ids: ["pr-latrines", "pr-nutrition", "pr-wells"] };
    const nested = await countRoundTrips(graph.db, () => query(graph, NESTED, variables));
    const loaded = await countRoundTrips(graph.db, () => query(graph, split, variables));
    expect(nested.queries).toHaveLength(1);
    expect(loaded.queries.length).toBeGreaterThan(1);
    expect(loaded.result.projects.edges).toEqual(nested.result.projects.edges);
    const needs = nested.result.projects.edges[0].node.needs;
    expect(needs.map((need: any) => [need.level, need.topic.id])).toEqual([
      [4, "t-sanitation"],
      [3, "t-water"],
    ]);
  });

  it("applies each request's variables to the same query text", async () => {
    const team = async (on: string) => {
      const data = await query(graph, NESTED, { ids: ["pr-latrines"], on });
      return data.projects.edges[0].node.team.map((member: any) => member.role);
    };
    expect(await team("2025-03-01")).toEqual(["lead", "engineer"]);
    expect(await team("2025-09-01")).toEqual(["lead"]);
    expect(await team("2025-03-01")).toEqual(["lead", "engineer"]);
  });
});
