import { type ExecutionResult, extendSchema, type GraphQLSchema, graphql, parse } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../../src/context/context.js";
import type { Database } from "../../src/db/database.js";
import { type Fragment, QueryBatcher } from "../../src/db/query-batcher.js";
import { Loaders } from "../../src/loaders/loaders.js";
import { RELATIONS } from "../../src/model/relations.js";
import { nodesById, related, type Shape } from "../../src/nested-read/index.js";
import { kmgraphSchema } from "../../src/server/schema.js";
import { encodeCursor } from "../../src/services/paging.js";

// The nested-read compiler without a database: a query runs through the real
// schema and resolvers, and the loaders hand what they would send to a
// recorder instead of Neo4j. The recorder answers no rows, so every root
// field comes back empty: all that is compared is the statement compiled for
// the selection, pinned below as Cypher text and parameters.

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await kmgraphSchema();
});

/** The fragments the query's loaders send, in order; each is one nested read. */
async function compile(
  source: string,
  variableValues: Record<string, unknown> = {},
  on: GraphQLSchema = schema,
): Promise<Fragment[]> {
  const fragments: Fragment[] = [];
  const loaders = new Loaders({
    run: async (fragment) => {
      fragments.push(fragment);
      return [];
    },
  });
  expectNoErrors(await graphql({ schema: on, source, variableValues, contextValue: contextWith(loaders) }));
  return fragments;
}

/** Only the loaders: a nested read needs nothing else of a request, and any other use fails the query. */
function contextWith(loaders: Loaders): Context {
  return { loaders } as Partial<Context> as Context;
}

function expectNoErrors(result: ExecutionResult): void {
  expect(result.errors?.map((error) => error.message)).toBeUndefined();
}

describe("a project by id", () => {
  it("is one fragment walking team, person, expertise at a minimum level and topic", async () => {
    const fragments = await compile(`{
      project(id: "pr-latrines") {
        name status
        team { role person { name expertise(minLevel: 4) { level topic { name } } } }
      }
    }`);
    expect(fragments).toMatchInlineSnapshot(`
      [
        {
          "cypher": "UNWIND $p.keys AS key
      MATCH (n:Project {id: key})
      CALL (n) {
        MATCH (n)<-[r0:WORKS_ON]-(m0:Person)
        WITH r0, m0 ORDER BY m0.id LIMIT $p.link0.first
        CALL (m0) {
          MATCH (m0)-[r1:KNOWS]->(m1:Topic)
          WHERE r1.level >= $p.link1.minLevel
          WITH r1, m1 ORDER BY r1.level DESC, m1.id LIMIT $p.link1.first
          RETURN collect([r1.level, [m1.id, m1.name]]) AS v1
        }
        WITH r0, m0, v1 ORDER BY m0.id
        RETURN collect([r0.role, [m0.id, m0.name, v1]]) AS v0
      }
      RETURN {key: key, node: [n.id, n.name, n.status, v0]} AS row",
          "params": {
            "keys": [
              "pr-latrines",
            ],
            "link0": {
              "activeOn": null,
              "first": Integer {
                "high": 0,
                "low": 50,
              },
              "minLevel": null,
            },
            "link1": {
              "activeOn": null,
              "first": Integer {
                "high": 0,
                "low": 50,
              },
              "minLevel": 4,
            },
          },
        },
      ]
    `);
  });
});

describe("a list", () => {
  it("filters, sorts on an enum's declared order, reads one page, and walks below its nodes", async () => {
    const fragments = await compile(
      `query ($after: String) {
        projects(
          filter: { status: [ACTIVE, PLANNED], orgUnit: "u-wash", nameContains: "well" }
          orderBy: { field: STATUS, direction: DESC }
          first: 5
          after: $after
        ) {
          totalCount
          edges { node { name status orgUnit { name } } }
        }
      }`,
      { after: encodeCursor(9) },
    );
    expect(fragments).toMatchInlineSnapshot(`
      [
        {
          "cypher": "CALL () {
        MATCH (n:Project)
      WHERE toLower(n.name) CONTAINS toLower($p.filter.nameContains)
        AND n.status IN $p.filter.status
      MATCH (n)-[:OWNED_BY]->(:OrgUnit {id: $p.filter.orgUnit})
      WITH DISTINCT n
        RETURN count(n) AS total
      }
      CALL () {
        MATCH (n:Project)
      WHERE toLower(n.name) CONTAINS toLower($p.filter.nameContains)
        AND n.status IN $p.filter.status
      MATCH (n)-[:OWNED_BY]->(:OrgUnit {id: $p.filter.orgUnit})
      WITH DISTINCT n
        WITH n ORDER BY $p.rank[n.status] DESC, n.id ASC
        SKIP $p.offset LIMIT $p.limit
        CALL (n) {
          MATCH (n)-[r0:OWNED_BY]->(m0:OrgUnit)
          RETURN head(collect([m0.id, m0.name])) AS v0
        }
        WITH n, v0 ORDER BY $p.rank[n.status] DESC, n.id ASC
        RETURN collect([n.id, n.name, n.status, v0]) AS nodes
      }
      RETURN {total: total, nodes: nodes} AS row",
          "params": {
            "filter": {
              "nameContains": "well",
              "orgUnit": "u-wash",
              "status": [
                "ACTIVE",
                "PLANNED",
              ],
            },
            "limit": Integer {
              "high": 0,
              "low": 5,
            },
            "link0": {
              "activeOn": null,
              "minLevel": null,
            },
            "offset": Integer {
              "high": 0,
              "low": 10,
            },
            "rank": {
              "ACTIVE": 1,
              "CLOSED": 2,
              "PLANNED": 0,
            },
          },
        },
      ]
    `);
  });

  it("sorts on a plain property by its value, and reads only the page when nothing is walked", async () => {
    const fragments = await compile(`{ people(orderBy: { field: NAME }, first: 3) { edges { node { name } } } }`);
    expect(fragments).toMatchInlineSnapshot(`
      [
        {
          "cypher": "CALL () {
        MATCH (n:Person)
        RETURN count(n) AS total
      }
      CALL () {
        MATCH (n:Person)
        WITH n ORDER BY n.name ASC, n.id ASC
        SKIP $p.offset LIMIT $p.limit
        RETURN collect([n.id, n.name]) AS nodes
      }
      RETURN {total: total, nodes: nodes} AS row",
          "params": {
            "filter": {},
            "limit": Integer {
              "high": 0,
              "low": 3,
            },
            "offset": Integer {
              "high": 0,
              "low": 0,
            },
            "rank": null,
          },
        },
      ]
    `);
  });
});

describe("edges", () => {
  it("read the selected relationship properties beside the node, filtered by activeOn from a variable", async () => {
    const fragments = await compile(
      `query ($on: LocalDate) {
        person(id: "p-ana") { projects(activeOn: $on) { role allocation from project { name } } }
      }`,
      { on: "2025-03-01" },
    );
    expect(fragments).toMatchInlineSnapshot(`
      [
        {
          "cypher": "UNWIND $p.keys AS key
      MATCH (n:Person {id: key})
      CALL (n) {
        MATCH (n)-[r0:WORKS_ON]->(m0:Project)
        WHERE (r0.from IS NULL OR r0.from <= date($p.link0.activeOn)) AND (r0.to IS NULL OR r0.to >= date($p.link0.activeOn))
        WITH r0, m0 ORDER BY m0.id LIMIT $p.link0.first
        RETURN collect([r0.role, r0.allocation, r0.from, [m0.id, m0.name]]) AS v0
      }
      RETURN {key: key, node: [n.id, v0]} AS row",
          "params": {
            "keys": [
              "p-ana",
            ],
            "link0": {
              "activeOn": "2025-03-01",
              "first": Integer {
                "high": 0,
                "low": 50,
              },
              "minLevel": null,
            },
          },
        },
      ]
    `);
  });

  it("read every relationship property when an edge selects a field that is not one", async () => {
    // The API has no such field today: one computed from the relationship must still find its properties.
    const extended = extendSchema(schema, parse(`extend type TopicExpert { note: String }`));
    const [fragment] = await compile(`{ topic(id: "t-water") { experts { note person { name } } } }`, {}, extended);
    expect(fragment!.cypher).toMatchInlineSnapshot(`
      "UNWIND $p.keys AS key
      MATCH (n:Topic {id: key})
      CALL (n) {
        MATCH (n)<-[r0:KNOWS]-(m0:Person)
        WHERE r0.level >= $p.link0.minLevel
        WITH r0, m0 ORDER BY r0.level DESC, m0.id LIMIT $p.link0.first
        RETURN collect([properties(r0), [m0.id, m0.name]]) AS v0
      }
      RETURN {key: key, node: [n.id, v0]} AS row"
    `);
  });
});

describe("a walk read through the loaders", () => {
  it("reads the relationships of a batch of parent ids, with what the query selects below them", () => {
    // The path of a parent read without its walks (an expert search's people, say): one
    // fragment per loader, over every parent id of the level.
    const expertise: Shape = {
      properties: ["name"],
      links: [
        {
          kind: "one",
          key: "orgUnit",
          relation: RELATIONS.MemberOf,
          direction: "out",
          filter: {},
          first: null,
          node: { properties: ["name"], links: [] },
        },
      ],
    };
    const read = related(
      RELATIONS.Knows,
      "in",
      ["t-water", "t-latrines"],
      { minLevel: 4 },
      {
        node: expertise,
        props: ["level", "source"],
      },
      20,
    );
    expect(read.fragment).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $p.keys AS key
      MATCH (n:Topic {id: key})
      CALL (n) {
        MATCH (n)<-[r:KNOWS]-(m:Person)
        WHERE r.level >= $p.minLevel
        WITH r, m ORDER BY r.level DESC, m.id LIMIT $p.first
        RETURN r, m
      }
      CALL (m) {
        MATCH (m)-[r0:MEMBER_OF]->(m0:OrgUnit)
        RETURN head(collect([m0.id, m0.name])) AS v0
      }
      WITH key, r, m, v0 ORDER BY r.level DESC, m.id
      WITH key, collect({node: [m.id, m.name, v0], props: r {.level, .source}}) AS items
      RETURN {key: key, items: items} AS row",
        "params": {
          "activeOn": null,
          "first": Integer {
            "high": 0,
            "low": 20,
          },
          "keys": [
            "t-water",
            "t-latrines",
          ],
          "link0": {
            "activeOn": null,
            "minLevel": null,
          },
          "minLevel": 4,
        },
      }
    `);
  });
});

describe("aliases of one field", () => {
  it("each walk separately when they are relationship fields of a node", async () => {
    const [fragment] = await compile(`{ person(id: "p-ana") { home: orgUnit { name } unit: orgUnit { id } } }`);
    expect(fragment!.cypher).toMatchInlineSnapshot(`
      "UNWIND $p.keys AS key
      MATCH (n:Person {id: key})
      CALL (n) {
        MATCH (n)-[r0:MEMBER_OF]->(m0:OrgUnit)
        RETURN head(collect([m0.id, m0.name])) AS v0
      }
      CALL (n) {
        MATCH (n)-[r1:MEMBER_OF]->(m1:OrgUnit)
        RETURN head(collect([m1.id])) AS v1
      }
      RETURN {key: key, node: [n.id, v0, v1]} AS row"
    `);
  });

  it("share the properties and walk nothing when they hold the same objects", async () => {
    // Two aliases of `edges` hold the same nodes, and two of an edge's `person` the same person:
    // their selections would meet in one record, so the read returns both selections' properties
    // and leaves the walks below to the loaders.
    const fragments = await compile(`{
      projects(first: 2) {
        ids: edges { node { id } }
        edges { node { name orgUnit { name } } }
      }
      project(id: "pr-wells") {
        team { lead: person { name orgUnit { name } } contact: person { email } }
      }
    }`);
    expect(fragments).toMatchInlineSnapshot(`
      [
        {
          "cypher": "CALL () {
        MATCH (n:Project)
        RETURN count(n) AS total
      }
      CALL () {
        MATCH (n:Project)
        WITH n ORDER BY n.id ASC
        SKIP $p.offset LIMIT $p.limit
        RETURN collect([n.id, n.name]) AS nodes
      }
      RETURN {total: total, nodes: nodes} AS row",
          "params": {
            "filter": {},
            "limit": Integer {
              "high": 0,
              "low": 2,
            },
            "offset": Integer {
              "high": 0,
              "low": 0,
            },
            "rank": null,
          },
        },
        {
          "cypher": "UNWIND $p.keys AS key
      MATCH (n:Project {id: key})
      CALL (n) {
        MATCH (n)<-[r0:WORKS_ON]-(m0:Person)
        WITH r0, m0 ORDER BY m0.id LIMIT $p.link0.first
        RETURN collect([[m0.id, m0.name, m0.email]]) AS v0
      }
      RETURN {key: key, node: [n.id, v0]} AS row",
          "params": {
            "keys": [
              "pr-wells",
            ],
            "link0": {
              "activeOn": null,
              "first": Integer {
                "high": 0,
                "low": 50,
              },
              "minLevel": null,
            },
          },
        },
      ]
    `);
  });
});

describe("fragments and directives", () => {
  it("collect fields through named and inline fragments", async () => {
    const [fragment] = await compile(`
      fragment Contact on Person { email orgUnit { ...Unit } }
      fragment Unit on OrgUnit { name }
      { person(id: "p-ana") { ...Contact ... on Person { title } ... { name } } }`);
    expect(fragment!.cypher).toMatchInlineSnapshot(`
      "UNWIND $p.keys AS key
      MATCH (n:Person {id: key})
      CALL (n) {
        MATCH (n)-[r0:MEMBER_OF]->(m0:OrgUnit)
        RETURN head(collect([m0.id, m0.name])) AS v0
      }
      RETURN {key: key, node: [n.id, n.email, n.title, n.name, v0]} AS row"
    `);
  });

  it("apply @skip and @include with the request's variables", async () => {
    const text = `query ($short: Boolean!) {
      person(id: "p-ana") { name title @skip(if: $short) orgUnit @include(if: $short) { name } }
    }`;
    const [short] = await compile(text, { short: true });
    const [long] = await compile(text, { short: false });
    expect(short!.cypher).toMatchInlineSnapshot(`
      "UNWIND $p.keys AS key
      MATCH (n:Person {id: key})
      CALL (n) {
        MATCH (n)-[r0:MEMBER_OF]->(m0:OrgUnit)
        RETURN head(collect([m0.id, m0.name])) AS v0
      }
      RETURN {key: key, node: [n.id, n.name, v0]} AS row"
    `);
    expect(long!.cypher).toMatchInlineSnapshot(`
      "UNWIND $p.keys AS key
      MATCH (n:Person {id: key})
      RETURN {key: key, node: [n.id, n.name, n.title]} AS row"
    `);
  });
});

describe("fields that are not stored properties", () => {
  it("an analytics field reads only the id", async () => {
    const [fragment] = await compile(`{
      orgUnit(id: "u-wash") { name maturity { mean } truckFactor { truckFactor } }
    }`);
    expect(fragment!.cypher).toMatchInlineSnapshot(`
      "UNWIND $p.keys AS key
      MATCH (n:OrgUnit {id: key})
      RETURN {key: key, node: [n.id, n.name]} AS row"
    `);
  });

  it("a field that is neither stored nor a relationship reads every property", async () => {
    // The API has no such field today: one computed by a resolver from other properties must still find them.
    const extended = extendSchema(schema, parse(`extend type Person { initials: String }`));
    const [fragment] = await compile(`{ person(id: "p-ana") { initials orgUnit { name } } }`, {}, extended);
    expect(fragment!.cypher).toMatchInlineSnapshot(`
      "UNWIND $p.keys AS key
      MATCH (n:Person {id: key})
      CALL (n) {
        MATCH (n)-[r0:MEMBER_OF]->(m0:OrgUnit)
        RETURN head(collect([m0.id, m0.name])) AS v0
      }
      RETURN {key: key, node: [n {.*}, v0]} AS row"
    `);
  });
});

describe("the request's QueryBatcher", () => {
  it("sends the fragments of one level as one statement, each with its parameters renamed", async () => {
    const statements: { cypher: string; params: Record<string, unknown> }[] = [];
    const recorder: Pick<Database, "read"> = {
      read: async (cypher, params = {}) => {
        statements.push({ cypher, params });
        return [];
      },
    };
    const loaders = new Loaders(new QueryBatcher(recorder));
    const source = `{
      project(id: "pr-wells") { name team(activeOn: "2025-03-01") { role person { name } } }
      people(filter: { active: true }, first: 2) { edges { node { name } } }
    }`;
    expectNoErrors(await graphql({ schema, source, contextValue: contextWith(loaders) }));
    expect(statements).toMatchInlineSnapshot(`
      [
        {
          "cypher": "CALL () {
        CALL () {
      CALL () {
        MATCH (n:Person)
      WHERE n.active = $p0.filter.active
        RETURN count(n) AS total
      }
      CALL () {
        MATCH (n:Person)
      WHERE n.active = $p0.filter.active
        WITH n ORDER BY n.id ASC
        SKIP $p0.offset LIMIT $p0.limit
        RETURN collect([n.id, n.name]) AS nodes
      }
      RETURN {total: total, nodes: nodes} AS row
        }
        RETURN collect(row) AS r0
      }
      CALL () {
        CALL () {
      UNWIND $p1.keys AS key
      MATCH (n:Project {id: key})
      CALL (n) {
        MATCH (n)<-[r0:WORKS_ON]-(m0:Person)
        WHERE (r0.from IS NULL OR r0.from <= date($p1.link0.activeOn)) AND (r0.to IS NULL OR r0.to >= date($p1.link0.activeOn))
        WITH r0, m0 ORDER BY m0.id LIMIT $p1.link0.first
        RETURN collect([r0.role, [m0.id, m0.name]]) AS v0
      }
      RETURN {key: key, node: [n.id, n.name, v0]} AS row
        }
        RETURN collect(row) AS r1
      }
      RETURN r0, r1",
          "params": {
            "p0": {
              "filter": {
                "active": true,
              },
              "limit": Integer {
                "high": 0,
                "low": 2,
              },
              "offset": Integer {
                "high": 0,
                "low": 0,
              },
              "rank": null,
            },
            "p1": {
              "keys": [
                "pr-wells",
              ],
              "link0": {
                "activeOn": "2025-03-01",
                "first": Integer {
                  "high": 0,
                  "low": 50,
                },
                "minLevel": null,
              },
            },
          },
        },
      ]
    `);
  });
});

describe("the records of a read", () => {
  it("hydrate each row in the shape's order, walked values under their prefetch keys, one per id", () => {
    const shape: Shape = {
      properties: ["name"],
      links: [
        {
          kind: "edges",
          key: "expertise",
          relation: RELATIONS.Knows,
          direction: "out",
          filter: { minLevel: 4, activeOn: null },
          first: 50,
          as: "topic",
          props: ["level"],
          node: { properties: ["name"], links: [] },
        },
        {
          kind: "one",
          key: "unit",
          relation: RELATIONS.MemberOf,
          direction: "out",
          filter: {},
          first: null,
          node: { properties: "*", links: [] },
        },
      ],
    };
    const read = nodesById("Person", ["p-ana", "p-gone", "p-ben"], shape);
    expect(read.fragment.cypher).toContain("RETURN {key: key, node: [n.id, n.name, v0, v1]} AS row");
    const records = read.answer([
      { key: "p-ben", node: ["p-ben", "Ben", [], null] },
      { key: "p-ana", node: ["p-ana", "Ana", [[5, ["t-water", "Water"]]], [{ id: "u-wash", name: "WASH" }]] },
    ]);
    expect(records).toEqual([
      {
        id: "p-ana",
        name: "Ana",
        "@expertise": [{ level: 5, topic: { id: "t-water", name: "Water" } }],
        "@unit": { id: "u-wash", name: "WASH" },
      },
      null,
      { id: "p-ben", name: "Ben", "@expertise": [], "@unit": null },
    ]);
  });
});
