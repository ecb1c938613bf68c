import { type GraphQLSchema, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../../src/auth/identity.js";
import { MemberCondition, RULES, type Rule, ruleFor } from "../../src/auth/policy.js";
import { DEFAULT_REQUEST_LIMITS } from "../../src/config.js";
import { createContext } from "../../src/context/context.js";
import { Role, roleAtLeast } from "../../src/model/roles.js";
import { createApolloServer } from "../../src/server/app.js";
import { kmgraphSchema } from "../../src/server/schema.js";
import { smallOrg } from "../fixtures/small-org.js";
import { countRoundTrips, executeAs, snapshot, useGraph } from "../support/graph.js";
import { mutationCall, queryReaching } from "../support/operations.js";

// Every role against every mutation and every personal field, on the real
// database: what the policy denies is refused whole, before a statement is
// sent, and leaves the graph as it was; what it allows is never FORBIDDEN.

const graph = useGraph(smallOrg);
const ROLES = [Role.VIEWER, Role.MEMBER, Role.KM_LEAD, Role.ADMIN];

function caller(role: Role, personId: string | null = null): Identity {
  return { role, roles: [role], subject: `test-${role.toLowerCase()}`, personId, via: "jwt" };
}

async function run(identity: Identity, text: string, variables: Record<string, unknown> = {}) {
  const { result, queries } = await countRoundTrips(graph.db, () => executeAs(graph, identity, text, variables));
  const error = result.errors?.[0];
  return { result, error, code: error?.extensions?.code, queries };
}

/** Whether the role may always call it, whatever the arguments. */
function mayAlways(role: Role, rule: Rule): boolean {
  return roleAtLeast(role, rule.role) || (role === Role.MEMBER && rule.member === MemberCondition.ANY);
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await kmgraphSchema();
});

describe("every mutation, as every role", () => {
  it("refuses what the policy denies, before any statement, and lets the rest through", async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    // A MEMBER with a person of the graph: member conditions are asked, and fail on these ids.
    const identities = ROLES.map((role) => caller(role, "p-ana"));
    const denied: string[] = [];
    const before = await snapshot(graph.db);
    for (const identity of identities)
      for (const mutation of mutations) {
        const rule = ruleFor(`Mutation.${mutation.name}`)!;
        if (mayAlways(identity.role, rule)) continue;
        const { result, code, queries } = await run(identity, mutationCall(mutation));
        expect(code, `${identity.role} ${mutation.name}`).toBe("FORBIDDEN");
        expect(result.data, `${identity.role} ${mutation.name}`).toBeUndefined();
        // A member's conditional write may read who recorded a lesson; nothing is written.
        expect(queries.filter((q) => q.mode === "WRITE")).toEqual([]);
        if (!rule.member || identity.role !== Role.MEMBER) expect(queries).toEqual([]);
        denied.push(`${identity.role} ${mutation.name}`);
      }
    expect(await snapshot(graph.db)).toEqual(before);
    // Each role is denied something except ADMIN; VIEWER everything.
    expect(denied.filter((d) => d.startsWith("VIEWER"))).toHaveLength(mutations.length);
    expect(denied.some((d) => d.startsWith("ADMIN"))).toBe(false);
    expect(denied.filter((d) => d.startsWith("KM_LEAD")).length).toBeGreaterThan(0);

    for (const identity of identities)
      for (const mutation of mutations) {
        const rule = ruleFor(`Mutation.${mutation.name}`)!;
        if (!mayAlways(identity.role, rule)) continue;
        const { code } = await run(identity, mutationCall(mutation));
        expect(code, `${identity.role} ${mutation.name}`).not.toBe("FORBIDDEN");
      }
  });
});

describe("every personal field, as every role", () => {
  const personal = () =>
    [...RULES.entries()].filter(([coordinate, rule]) => {
      if (/^(Query|Mutation)\.|\(/.test(coordinate) || rule.role === Role.VIEWER) return false;
      return isObjectType(schema.getType(coordinate.split(".")[0]!));
    });

  it("refuses it to the roles below its rule, and serves it to the rest", async () => {
    expect(personal().length).toBeGreaterThan(30);
    for (const [coordinate, rule] of personal()) {
      const [type, field] = coordinate.split(".") as [string, string];
      const text = queryReaching(schema, type, field);
      expect(text, `no query reaches ${coordinate}`).toBeDefined();
      for (const role of ROLES) {
        // No person: one's own person (viewer.person) opens personal fields, and is tested apart.
        const { error, code, queries } = await run(caller(role), text!);
        if (roleAtLeast(role, rule.role)) {
          expect(code, `${role} ${coordinate}: ${text}`).not.toBe("FORBIDDEN");
          continue;
        }
        expect(code, `${role} ${coordinate}`).toBe("FORBIDDEN");
        expect(error?.extensions?.problems, `${role} ${coordinate}`).toContainEqual(
          expect.objectContaining({ message: `${coordinate} needs the ${rule.role} role` }),
        );
        expect(queries, `${role} ${coordinate}`).toEqual([]);
      }
    }
  });

  it("checks the fields of fragments and inline fragments too", async () => {
    const viewer = caller(Role.VIEWER);
    const spread = await run(viewer, `{ people { edges { node { ...P } } } } fragment P on Person { name email }`);
    expect(spread.code).toBe("FORBIDDEN");
    const inline = await run(viewer, `{ person(id: "p-ana") { ... on Person { expertise { level } } } }`);
    expect(inline.code).toBe("FORBIDDEN");
  });
});

describe("filters, orders and arguments that would reveal a personal field", () => {
  const viewer = caller(Role.VIEWER);
  const lead = caller(Role.KM_LEAD);

  it("refuses them whether written in the query or sent as variables", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [`{ people(filter: { knows: { topic: "t-water" } }) { totalCount } }`, {}, "PersonFilter.knows"],
      [
        `query($f: PersonFilter) { people(filter: $f) { totalCount } }`,
        { f: { active: false } },
        "PersonFilter.active",
      ],
      [
        `query($f: PersonFilter) { people(filter: $f) { totalCount } }`,
        { f: { knows: { topic: "t-water", minLevel: 4 } } },
        "KnowsTopicFilter.minLevel",
      ],
      [`{ people(orderBy: { field: EMAIL }) { totalCount } }`, {}, "PersonSortField.EMAIL"],
      [
        `query($o: PersonOrder) { people(orderBy: $o) { totalCount } }`,
        { o: { field: "EMAIL" } },
        "PersonSortField.EMAIL",
      ],
      [`{ experts(topic: "t-water", minLevel: 2) { person { name } } }`, {}, "Query.experts(minLevel:)"],
      [`{ experts(topic: "t-water", availableOnly: true) { person { name } } }`, {}, "Query.experts(availableOnly:)"],
    ];
    for (const [text, variables, coordinate] of cases) {
      const refused = await run(viewer, text, variables);
      expect(refused.code, coordinate).toBe("FORBIDDEN");
      expect(refused.error?.extensions?.problems.map((p: any) => p.message).join(), coordinate).toContain(coordinate);
      expect(refused.queries, coordinate).toEqual([]);
      const served = await run(lead, text, variables);
      expect(served.result.errors, coordinate).toBeUndefined();
    }
  });

  it("lets a VIEWER filter and sort people on what it may see", async () => {
    const { result } = await run(
      viewer,
      `{ people(filter: { orgUnit: "u-wash", nameContains: "a" }, orderBy: { field: NAME }) { edges { node { name title orgUnit { name } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.people.edges.map((e: any) => e.node.name)).toEqual(["Ana Ruiz", "Ben Okafor"]);
  });
});

describe("what a VIEWER sees", () => {
  const viewer = caller(Role.VIEWER);

  it("answers a whole query or refuses it whole: 403, no data, every denied use listed", async () => {
    const response = await graph.server.executeOperation(
      { query: `{ people { edges { node { name email expertise { level } } } } topics { totalCount } }` },
      { contextValue: createContext(graph.db, viewer) },
    );
    expect(response.http.status).toBe(403);
    const body = response.body.kind === "single" ? response.body.singleResult : undefined;
    expect(body?.data).toBeUndefined();
    expect(body?.errors).toHaveLength(1);
    expect(body?.errors?.[0]?.message).toBe(
      "the VIEWER role may not use Person.email: it needs KM_LEAD (and 2 more, listed in problems)",
    );
    expect(body?.errors?.[0]?.extensions?.problems).toEqual([
      { path: "people.edges.node.email", message: "Person.email needs the KM_LEAD role" },
      { path: "people.edges.node.expertise", message: "Person.expertise needs the KM_LEAD role" },
      { path: "people.edges.node.expertise.level", message: "Expertise.level needs the KM_LEAD role" },
    ]);
  });

  it("gets aggregate analytics, people by name, unit and title, and search hits", async () => {
    const { result } = await run(
      viewer,
      `{
        organisation(asOf: "2025-06-01") {
          coverage { topics { name demand supply experts } }
          bottlenecks { topics { name busFactor bottleneck experts } }
          truckFactor { truckFactor totalDemand }
          maturity { mean }
        }
        project(id: "pr-latrines") {
          team { role person { name title orgUnit { name } } }
          coverage(asOf: "2025-06-01") { coverage needs { status teamLevel topic } }
          reusePaths(asOf: "2025-06-01", topic: "t-water") { kind resource project }
        }
        experts(topic: "t-sanitation", asOf: "2025-06-01") { person { name } topic }
        search(text: "Ana") { edges { node { kind title person { name title } } } }
      }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.experts.map((m: any) => m.person.name)).toContain("Ana Ruiz");
    expect(result.data?.search.edges.map((e: any) => e.node.person?.name)).toContain("Ana Ruiz");
    expect(JSON.stringify(result.data)).not.toContain("@example.org");
  });

  it("is refused the export, which holds every e-mail and level", async () => {
    const { code, queries } = await run(viewer, `{ exportDocument }`);
    expect(code).toBe("FORBIDDEN");
    expect(queries).toEqual([]);
    const served = await run(caller(Role.KM_LEAD), `{ exportDocument }`);
    expect(JSON.stringify(served.result.data)).toContain("ana@example.org");
  });
});

describe("one's own person", () => {
  it("is readable whole through viewer.person, by any role with a person, and nobody else's through it", async () => {
    const own = `{ viewer { person { name email active interests { name } expertise { level source topic { name } } projects { allocation project { name } } } } }`;
    for (const role of [Role.VIEWER, Role.MEMBER]) {
      const { result } = await run(caller(role, "p-ana"), own);
      expect(result.errors, role).toBeUndefined();
      expect(result.data?.viewer.person.email).toBe("ana@example.org");
      expect(result.data?.viewer.person.projects).toEqual([
        { allocation: 0.5, project: { name: "School latrines pilot" } },
      ]);
    }
    const leaving = [
      `{ viewer { person { orgUnit { members { email } } } } }`,
      `{ viewer { person { expertise { topic { experts { level } } } } } }`,
      `{ viewer { person { projects { project { team { allocation } } } } } }`,
    ];
    for (const text of leaving) expect((await run(caller(Role.MEMBER, "p-ana"), text)).code, text).toBe("FORBIDDEN");
    // A token that names no person of the graph has no own person to read.
    expect((await run(caller(Role.MEMBER), `{ viewer { person { email } } }`)).code).toBe("FORBIDDEN");
  });
});

describe("a MEMBER's own profile and lessons", () => {
  const ana = caller(Role.MEMBER, "p-ana");

  it("declares their own expertise and interests, and nobody else's", async () => {
    const own = await run(
      ana,
      `mutation { linkKnows(person: "p-ana", topic: "t-latrines", properties: { level: 3, source: SELF }) { changed } }`,
    );
    expect(own.result.errors).toBeUndefined();
    const peer = await run(
      ana,
      `mutation { linkKnows(person: "p-ana", topic: "t-latrines", properties: { level: 5, source: PEER }) { changed } }`,
    );
    expect(peer.code).toBe("FORBIDDEN");
    const other = await run(
      ana,
      `mutation { linkKnows(person: "p-ben", topic: "t-latrines", properties: { level: 1, source: SELF }) { changed } }`,
    );
    expect(other.code).toBe("FORBIDDEN");
    expect((await run(ana, `mutation { linkInterestedIn(person: "p-ana", topic: "t-water") { changed } }`)).code).toBe(
      undefined,
    );
    expect((await run(ana, `mutation { linkInterestedIn(person: "p-ben", topic: "t-water") { changed } }`)).code).toBe(
      "FORBIDDEN",
    );
    const noPerson = await run(
      caller(Role.MEMBER),
      `mutation { linkInterestedIn(person: "p-ana", topic: "t-water") { changed } }`,
    );
    expect(noPerson.code).toBe("FORBIDDEN");
  });

  it("records a lesson on a project they work on, and not on another, nor someone else's lesson", async () => {
    const steps = [
      `mutation { createLesson(input: { id: "l-ana-new", title: "Ask the teachers first", outcome: POSITIVE, phase: DURING }) { id } }`,
      `mutation { linkRecorded(person: "p-ana", lesson: "l-ana-new") { changed } }`,
      `mutation { linkLearnedIn(lesson: "l-ana-new", project: "pr-latrines") { changed } }`,
      `mutation { linkLessonAbout(lesson: "l-ana-new", topic: "t-latrines") { changed } }`,
      `mutation { updateLesson(id: "l-ana-new", input: { status: ACTIONED }) { status } }`,
    ];
    for (const step of steps) expect((await run(ana, step)).result.errors, step).toBeUndefined();

    const before = await snapshot(graph.db);
    const refused = [
      // Ana does not work on the nutrition project.
      `mutation { linkLearnedIn(lesson: "l-ana-new", project: "pr-nutrition") { changed } }`,
      // Cleo recorded l-stock.
      `mutation { updateLesson(id: "l-stock", input: { status: LEARNED }) { status } }`,
      `mutation { linkRecorded(person: "p-ana", lesson: "l-stock") { changed } }`,
      `mutation { linkLessonAbout(lesson: "l-stock", topic: "t-water") { changed } }`,
      `mutation { linkRecorded(person: "p-ben", lesson: "l-ana-new") { changed } }`,
    ];
    for (const step of refused) expect((await run(ana, step)).code, step).toBe("FORBIDDEN");
    expect(await snapshot(graph.db)).toEqual(before);
  });

  it("is refused a conditional write over the cost limit before its member conditions are read", async () => {
    // The condition of linkLearnedIn is a read of the graph: a query the limits refuse must not get that far.
    const server = await createApolloServer({ development: false, limits: { ...DEFAULT_REQUEST_LIMITS, maxCost: 1 } });
    const costly = { db: graph.db, server, loggedErrors: [], close: async () => {} };
    const { result, queries } = await countRoundTrips(graph.db, async () => {
      const answer = await executeAs(
        costly,
        ana,
        `mutation { linkLearnedIn(lesson: "l-ana-new", project: "pr-latrines") { changed } }`,
      );
      // A statement is observed when it completes: one sent beside the refusal would finish after the answer.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return answer;
    });
    expect(result.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect(queries).toEqual([]);
  });
});

describe("the introspection of the schema", () => {
  it("is not a personal field", async () => {
    const { result } = await run(
      caller(Role.VIEWER),
      `{ __schema { queryType { name } } __type(name: "Person") { name } }`,
    );
    expect(result.errors).toBeUndefined();
  });
});

it("reaches every personal type from Query", () => {
  for (const coordinate of RULES.keys()) {
    const [type, field] = coordinate.split(".") as [string, string];
    if (/^(Query|Mutation)$/.test(type) || coordinate.includes("(")) continue;
    const named = schema.getType(type);
    if (!isObjectType(named)) continue;
    expect(queryReaching(schema, type, field), coordinate).toBeDefined();
  }
});
