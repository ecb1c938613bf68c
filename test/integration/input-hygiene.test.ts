import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bulkImport } from "../../src/bulk/bulk-import.js";
import { cypherFile } from "../../src/db/cypher-files.js";
import { loadMigrations, migrate } from "../../src/db/migrations.js";
import { AppError } from "../../src/errors.js";
import { InterchangeService } from "../../src/interchange/interchange-service.js";
import { execute, query, snapshot, useGraph } from "../support/graph.js";

// Issue 13, item 5: unique values regardless of case, lone surrogates refused,
// repeated keys refused, uniqueness checked on the state after the whole change.

const fixture = () => ({
  people: [
    { id: "p-alice", name: "Alice", email: "Alice@Example.org" },
    { id: "p-bob", name: "Bob", email: "bob@example.org" },
  ],
  topics: [
    { id: "t-graph", name: "Graph Databases" },
    { id: "t-kotlin", name: "Kotlin" },
  ],
});

const graph = useGraph(fixture, { eachTest: true });
let service: InterchangeService;
let dir: string;
let files = 0;

beforeAll(async () => {
  service = new InterchangeService(graph.db);
  dir = await mkdtemp(join(tmpdir(), "kmgraph-hygiene-"));
});

async function file(text: string): Promise<string> {
  const path = join(dir, `document-${files++}.json`);
  await writeFile(path, text);
  return path;
}

/** The error of a refused call, after checking that the graph is exactly as before. */
async function refused(work: () => Promise<unknown>): Promise<AppError> {
  const before = await snapshot(graph.db);
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await snapshot(graph.db)).toEqual(before);
  return error as AppError;
}

/** The first GraphQL error of a refused operation, after checking that the graph is exactly as before. */
async function rejected(text: string, variables: Record<string, unknown> = {}) {
  const before = await snapshot(graph.db);
  const result = await execute(graph, text, variables);
  expect(result.errors?.length, JSON.stringify(result)).toBeGreaterThan(0);
  expect(await snapshot(graph.db)).toEqual(before);
  return result.errors![0]!;
}

async function emails(): Promise<Record<string, string>> {
  const rows = await graph.db.read("MATCH (p:Person) RETURN p.id AS id, p.email AS email");
  return Object.fromEntries(rows.map((row) => [String(row.id), String(row.email)]));
}

async function topicNames(): Promise<Record<string, string>> {
  const rows = await graph.db.read("MATCH (t:Topic) RETURN t.id AS id, t.name AS name");
  return Object.fromEntries(rows.map((row) => [String(row.id), String(row.name)]));
}

describe("e-mail addresses and topic names are unique regardless of case", () => {
  it("createPerson and updatePerson refuse an e-mail another person has in other case, naming only the caller's", async () => {
    const created = await rejected(
      `mutation { createPerson(input: { id: "p-x", name: "X", email: "ALICE@example.ORG" }) { id } }`,
    );
    expect(created.extensions?.code).toBe("CONFLICT");
    expect(created.message).toContain('"ALICE@example.ORG"');
    expect(created.message).not.toContain("Alice@Example.org");
    const updated = await rejected(
      `mutation { updatePerson(id: "p-bob", input: { email: "alice@EXAMPLE.org" }) { id } }`,
    );
    expect(updated.extensions?.code).toBe("CONFLICT");
    expect(updated.message).not.toContain("Alice@Example.org");
  });

  it("a person may change the case of their own e-mail", async () => {
    await query(graph, `mutation { updatePerson(id: "p-alice", input: { email: "alice@example.org" }) { id } }`);
    expect((await emails())["p-alice"]).toBe("alice@example.org");
  });

  it("createTopic and updateTopic refuse a name in other case, NFC-normalised too", async () => {
    const created = await rejected(`mutation { createTopic(input: { id: "t-x", name: "graph DATABASES" }) { id } }`);
    expect(created.extensions?.code).toBe("CONFLICT");
    await query(graph, `mutation { createTopic(input: { id: "t-cafe", name: "Caf\\u00e9" }) { id } }`);
    const decomposed = await rejected(
      `mutation { updateTopic(id: "t-kotlin", input: { name: "CAFE\\u0301" }) { id } }`,
    );
    expect(decomposed.extensions?.code).toBe("CONFLICT");
  });

  it("the key property is neither in the GraphQL schema nor in the export", async () => {
    const sdl = (
      await query<{ __type: { fields: { name: string }[] } }>(graph, `{ __type(name: "Person") { fields { name } } }`)
    ).__type.fields.map((field) => field.name);
    expect(sdl).not.toContain("emailKey");
    const exported = JSON.stringify(await service.export());
    expect(exported).not.toContain("emailKey");
    expect(exported).not.toContain("nameKey");
  });

  it("importDocument refuses an e-mail held in other case by a person outside the document", async () => {
    const error = await refused(() => service.import({ people: [{ id: "p-x", name: "X", email: "BOB@example.org" }] }));
    expect(error.code).toBe("CONFLICT");
  });

  it("a document giving one e-mail twice in different case is refused with the path", async () => {
    const doc = {
      people: [
        { id: "p-x", name: "X", email: "x@example.org" },
        { id: "p-y", name: "Y", email: "X@Example.org" },
      ],
    };
    const error = await refused(() => service.import(doc));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.problems.map((p) => p.path)).toEqual(["people[1].email"]);
    const bulk = await refused(() => bulkImportText(JSON.stringify(doc)));
    expect(bulk.problems.map((p) => p.path)).toEqual(["people[1].email"]);
  });

  it("the bulk import refuses a topic name held in other case outside the document, with the path", async () => {
    const error = await refused(() => bulkImportText(JSON.stringify({ topics: [{ id: "t-x", name: "KOTLIN" }] })));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.problems).toEqual([{ path: "topics[0].name", message: expect.stringContaining('"KOTLIN"') }]);
  });

  it("the caller's person is found by e-mail in any case", async () => {
    const rows = await graph.db.read(cypherFile("auth/person-by-email"), { value: "alice@EXAMPLE.org" });
    expect(rows.map((row) => row.id)).toEqual(["p-alice"]);
  });
});

function bulkImportText(text: string) {
  return file(text).then((path) => bulkImport(graph.db, path));
}

describe("uniqueness holds on the state after the whole change", () => {
  const swapped = {
    people: [
      { id: "p-alice", name: "Alice", email: "BOB@example.org" },
      { id: "p-bob", name: "Bob", email: "alice@example.org" },
    ],
    topics: [
      { id: "t-graph", name: "kotlin" },
      { id: "t-kotlin", name: "graph databases" },
    ],
  };

  it("importDocument swaps two e-mails and two topic names", async () => {
    await service.import(swapped);
    expect(await emails()).toEqual({ "p-alice": "BOB@example.org", "p-bob": "alice@example.org" });
    expect(await topicNames()).toEqual({ "t-graph": "kotlin", "t-kotlin": "graph databases" });
  });

  it("the bulk import swaps two e-mails and two topic names", async () => {
    await bulkImportText(JSON.stringify(swapped));
    expect(await emails()).toEqual({ "p-alice": "BOB@example.org", "p-bob": "alice@example.org" });
    expect(await topicNames()).toEqual({ "t-graph": "kotlin", "t-kotlin": "graph databases" });
  });

  const collision = { people: [{ id: "p-alice", name: "Alice", email: "Bob@Example.org" }] };

  it("importDocument refuses a real collision after the change, writing nothing", async () => {
    expect((await refused(() => service.import(collision))).code).toBe("CONFLICT");
  });

  it("the bulk import refuses a real collision after the change, writing nothing", async () => {
    const error = await refused(() => bulkImportText(JSON.stringify(collision)));
    expect(error.problems.map((p) => p.path)).toEqual(["people[0].email"]);
  });
});

describe("strings that are not valid Unicode are refused", () => {
  it("in a mutation's variables, with the path", async () => {
    const error = await rejected(
      `mutation ($name: String!) { createTopic(input: { id: "t-x", name: $name }) { id } }`,
      {
        name: "bad \ud800 name",
      },
    );
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.extensions?.problems).toEqual([{ path: "input.name", message: expect.stringContaining("Unicode") }]);
  });

  it("in an input object's field, given as a variable or as a literal", async () => {
    const variable = await rejected(`mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, {
      input: { id: "p-x", name: "X", title: "\udc00" },
    });
    expect(variable.extensions?.code).toBe("BAD_USER_INPUT");
    expect(variable.extensions?.problems[0].path).toBe("input.title");
    // graphql-js refuses the escape in a literal itself, before any resolver.
    const literal = await rejected(`mutation { createPerson(input: { id: "p-x", name: "X\\ud800" }) { id } }`);
    expect(literal.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("in a query's argument too (nothing stored, but nothing sent to Neo4j altered)", async () => {
    const error = await rejected(`query ($id: ID!) { person(id: $id) { id } }`, { id: "p-\ud800" });
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a well-formed pair (an emoji) is accepted", async () => {
    await query(graph, `mutation ($name: String!) { createTopic(input: { id: "t-e", name: $name }) { id } }`, {
      name: "Graphs \ud83d\ude00",
    });
    expect((await topicNames())["t-e"]).toBe("Graphs 😀");
  });

  it("in importDocument and in the bulk import, with the path", async () => {
    const doc = { people: [{ id: "p-x", name: "X", title: "a\ud800b" }] };
    const error = await refused(() => service.import(doc));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.problems).toEqual([{ path: "people[0].title", message: expect.stringContaining("Unicode") }]);
    const bulk = await refused(() => bulkImportText('{"people":[{"id":"p-x","name":"X","title":"a\\ud800b"}]}'));
    expect(bulk.code).toBe("BAD_USER_INPUT");
    expect(bulk.problems).toEqual([{ path: "people[0].title", message: expect.stringContaining("Unicode") }]);
  });
});

describe("a document with a repeated key is refused with the path", () => {
  const text = '{"people":[{"id":"p-x","name":"X","email":"x@example.org","email":"y@example.org"}]}';

  it("by the bulk import (kmgraph import)", async () => {
    const error = await refused(() => bulkImportText(text));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.problems).toEqual([{ path: "people[0].email", message: "duplicated key" }]);
  });

  it("by importDocument given documentText, the same way", async () => {
    const error = await rejected(
      `mutation ($text: String!) { importDocument(documentText: $text) { nodes { label created } } }`,
      { text },
    );
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.extensions?.problems).toEqual([{ path: "people[0].email", message: "duplicated key" }]);
  });

  it("importDocument takes documentText without repeated keys like document", async () => {
    await query(
      graph,
      `mutation ($text: String!) { importDocument(documentText: $text) { nodes { label created } } }`,
      {
        text: '{"people":[{"id":"p-x","name":"X"}]}',
      },
    );
    expect(Object.keys(await emails())).toContain("p-x");
  });

  it("importDocument wants exactly one of document and documentText", async () => {
    const both = await rejected(
      `mutation ($text: String!) { importDocument(document: {}, documentText: $text) { nodes { label } } }`,
      { text: "{}" },
    );
    expect(both.extensions?.code).toBe("BAD_USER_INPUT");
    const neither = await rejected(`mutation { importDocument { nodes { label } } }`);
    expect(neither.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("migration 0005", () => {
  it("fills in the key of existing nodes, and names the property when existing nodes collide", async () => {
    const [keys] = (await loadMigrations()).filter((m) => m.id.startsWith("0005"));
    const again = { ...keys!, id: "test-0005-again" };
    await graph.db.write((tx) => tx.run("MATCH (p:Person {id: 'p-bob'}) REMOVE p.emailKey"));
    try {
      await migrate(graph.db, [again]);
      const [row] = await graph.db.read("MATCH (p:Person {id: 'p-bob'}) RETURN p.emailKey AS key");
      expect(row!.key).toBe("bob@example.org");

      await graph.db.runSchema("DROP CONSTRAINT person_email_key");
      await graph.db.write((tx) =>
        tx.run("CREATE (:Person {id: 'p-dup', name: 'Dup', email: 'BOB@example.org', active: true})"),
      );
      await graph.db.write((tx) => tx.run("MATCH (r:SchemaMigration {id: 'test-0005-again'}) DELETE r"));
      await expect(migrate(graph.db, [again])).rejects.toThrow(/two Person nodes already share a emailKey/);
      await graph.db.write((tx) => tx.run("MATCH (p:Person {id: 'p-dup'}) DELETE p"));
    } finally {
      await graph.db.write((tx) => tx.run("MATCH (r:SchemaMigration {id: 'test-0005-again'}) DELETE r"));
      await migrate(graph.db, [again]);
      await graph.db.write((tx) => tx.run("MATCH (r:SchemaMigration {id: 'test-0005-again'}) DELETE r"));
    }
  });
});
