import { buildSchema, Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELATIONS } from "../src/model/relations.js";
import { edgeProjection, nodeProjection } from "../src/resolvers/selection.js";
import { smallOrg } from "./fixtures/small-org.js";
import { countRoundTrips, importDocument, openTestGraph, query, resetGraph, type TestGraph } from "./support/graph.js";

// Projection pushdown: a read returns only the stored properties the query
// selects (and id), and falls back to all of them when it cannot tell.

/** `info` as a resolver of the query's first root field would get it. */
function infoFor(text: string): GraphQLResolveInfo {
  const schema = buildSchema(`
    type Query { person: Person experts: [TopicExpert] }
    type OrgUnit { id: ID! name: String }
    type Person { id: ID! name: String email: String title: String createdAt: String initials: String orgUnit: OrgUnit }
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
  return { schema, fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

describe("projection of a selection", () => {
  it("reads the selected stored properties through fragments; object fields need only the id", () => {
    const info = infoFor(`
      query { person { __typename name ... on Person { email } ...More orgUnit { name } } }
      fragment More on Person { createdAt id }`);
    expect(nodeProjection(info, "Person")).toEqual(["name", "email", "createdAt"]);
  });

  it("falls back to every property for a field that is not stored", () => {
    expect(nodeProjection(infoFor(`{ person { name initials } }`), "Person")).toBe("*");
  });

  it("splits an edge into its relationship properties and its node's", () => {
    const info = infoFor(`{ experts { level person { id title } } }`);
    expect(edgeProjection(info, RELATIONS.Knows, "Person", "person")).toEqual({ node: ["title"], props: ["level"] });
  });
});

describe("projection in the Cypher sent", () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await openTestGraph();
    await resetGraph(graph.db);
    await importDocument(graph.db, smallOrg());
  });

  afterAll(async () => {
    await graph.close();
  });

  it("returns only what the query selects, at every level", async () => {
    const text = `
      fragment Who on Person { name email }
      { projects(first: 10, filter: { ids: ["pr-latrines"] }) { edges { node {
          id ... on Project { name }
          orgUnit { id }
          team { role person { ...Who } }
      } } } }`;
    const { result, queries } = await countRoundTrips(graph.db, () => query(graph, text));
    const cypher = queries.map((event) => event.cypher).join("\n");
    expect(cypher).not.toContain("{.*}");
    expect(cypher).not.toContain("properties(r)");
    expect(cypher).toContain("n {.id, .name}");
    expect(cypher).toContain("m {.id, .name, .email}");
    expect(cypher).toContain("r {.role}");
    const project = result.projects.edges[0].node;
    expect(project).toMatchObject({ id: "pr-latrines", name: expect.any(String), orgUnit: { id: expect.any(String) } });
    expect(project.team.length).toBeGreaterThan(0);
    for (const member of project.team) expect(Object.keys(member.person).sort()).toEqual(["email", "name"]);
  });
});
