import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCommand } from "../../src/cli/generate.js";
import { AppError } from "../../src/errors.js";
import { COLLECTIONS, type Collection, SIZES, totalEntities } from "../../src/generator/sizes.js";
import { writeOrganisation } from "../../src/generator/write.js";
import { ownedRelations } from "../../src/interchange/document-schema.js";
import { planImport } from "../../src/interchange/plan.js";
import { ENTITY_ORDER } from "../../src/model/entities.js";
import { generate, TextSink } from "../support/generated.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Counts entities and relationships while the document streams past, one line
 * at a time (the writer puts each entity on its own line), without building
 * the document.
 */
class StreamingCounter extends Writable {
  readonly entities: Record<string, number> = {};
  readonly relationships: Record<string, number> = {};
  /** Relationship fields an entry left out (the import would leave those relationships untouched). */
  readonly missingFields = new Set<string>();
  private collection: string | null = null;
  private rest = "";

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const lines = (this.rest + chunk.toString("utf8")).split("\n");
    this.rest = lines.pop()!;
    for (const line of lines) this.line(line);
    callback();
  }

  private line(line: string): void {
    const list = /^ {2}"(\w+)": \[$/.exec(line);
    if (list) {
      this.collection = list[1]!;
      this.entities[this.collection] = 0;
      return;
    }
    if (!line.startsWith("    {") || !this.collection) return;
    const entry = JSON.parse(line.trim().replace(/,$/, "")) as Record<string, unknown>;
    this.entities[this.collection]!++;
    const entity = ENTITY_ORDER.find((e) => e.collection === this.collection)!;
    for (const relation of ownedRelations(entity)) {
      if (!(relation.document.field in entry)) this.missingFields.add(`${this.collection}.${relation.document.field}`);
      const value = entry[relation.document.field];
      const n = typeof value === "string" ? 1 : Array.isArray(value) ? value.length : 0;
      if (n > 0) this.relationships[relation.key] = (this.relationships[relation.key] ?? 0) + n;
    }
  }
}

type Doc = Record<Collection, any[]>;

describe("generate: determinism", () => {
  it("gives byte-identical output for the same size and seed, and another document for another seed", async () => {
    for (const size of ["XS", "S"] as const) {
      const first = sha256((await generate(size, 42)).text);
      const again = sha256((await generate(size, 42)).text);
      const other = sha256((await generate(size, 43)).text);
      expect(again, size).toBe(first);
      expect(other, size).not.toBe(first);
    }
  });
});

describe("generate: validity and counts", () => {
  it.each(["XS", "S"] as const)("%s passes the import's own validation with no problem", async (size) => {
    for (const seed of [1, 7]) {
      const { problems, plan } = planImport(JSON.parse((await generate(size, seed)).text));
      expect(problems).toEqual([]);
      expect(plan).not.toBeNull();
    }
  });

  it.each(["XS", "S"] as const)(
    "%s has exactly the counts of the size table (counted while streaming)",
    async (size) => {
      const counter = new StreamingCounter();
      const stats = await writeOrganisation(size, 5, counter);
      await new Promise<void>((resolve) => counter.end(resolve));
      const spec = SIZES[size];
      for (const collection of COLLECTIONS) expect(counter.entities[collection], collection).toBe(spec[collection]);
      expect(stats.entities).toEqual(counter.entities);
      expect(stats.totalEntities).toBe(totalEntities(spec));
      expect(stats.relationships).toEqual(counter.relationships);
      expect([...counter.missingFields]).toEqual([]); // every relationship field is written, [] or null when empty
    },
  );

  it("has the size table of the brief for M and L (3 gaps and 5 activities per project)", () => {
    expect(SIZES.M).toEqual({
      orgUnits: 20,
      goals: 12,
      topics: 2_000,
      people: 10_000,
      projects: 1_000,
      assets: 50_000,
      lessons: 20_000,
      gaps: 3_000,
      activities: 5_000,
    });
    expect(SIZES.L).toEqual({
      orgUnits: 60,
      goals: 30,
      topics: 5_000,
      people: 100_000,
      projects: 10_000,
      assets: 500_000,
      lessons: 200_000,
      gaps: 30_000,
      activities: 50_000,
    });
    expect(totalEntities(SIZES.L)).toBe(895_090);
  });
});

describe("generate: realistic skew (size S)", () => {
  let doc: Doc;
  const activePeople = () => doc.people.filter((p) => p.active !== false);

  beforeAll(async () => {
    doc = JSON.parse((await generate("S", 1)).text) as Doc;
  });

  it("concentrates demand: the top 10 % of topics carry over half of the NEEDS", () => {
    const needs = new Map<string, number>();
    for (const project of doc.projects)
      for (const need of project.needs) needs.set(need.topic, (needs.get(need.topic) ?? 0) + 1);
    const counts = [...needs.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    const top = counts.slice(0, Math.ceil(doc.topics.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.5);
    expect(needs.size).toBeLessThan(doc.topics.length); // a long tail of topics nobody needs
  });

  it("has topics needed at HIGH/CRITICAL by active projects with exactly one active expert", () => {
    const experts = new Map<string, number>();
    for (const person of activePeople()) {
      for (const k of person.knows ?? []) if (k.level >= 4) experts.set(k.topic, (experts.get(k.topic) ?? 0) + 1);
    }
    const critical = new Set<string>();
    for (const project of doc.projects.filter((p) => p.status !== "CLOSED")) {
      for (const need of project.needs)
        if (need.criticality === "HIGH" || need.criticality === "CRITICAL") critical.add(need.topic);
    }
    const single = [...critical].filter((topic) => experts.get(topic) === 1);
    expect(single.length).toBeGreaterThanOrEqual(9); // 3 % of 300 topics are made so, more happen by chance
  });

  it("has topics in demand with no supply at all: no active expert, asset or lesson", () => {
    const supplied = new Set<string>([
      ...doc.assets.flatMap((a) => a.covers),
      ...doc.lessons.flatMap((l) => l.about),
      ...activePeople().flatMap((p) => (p.knows ?? []).filter((k: any) => k.level >= 4).map((k: any) => k.topic)),
    ]);
    const demanded = new Set(
      doc.projects.filter((p) => p.status !== "CLOSED").flatMap((p) => p.needs.map((n: any) => n.topic)),
    );
    expect([...demanded].filter((topic) => !supplied.has(topic)).length).toBeGreaterThan(0);
  });

  it("has a heavy tail of knowledge: most people know 1–4 topics, a few 15 or more", () => {
    const counts = doc.people.map((p) => (p.knows ?? []).length);
    expect(counts.filter((n) => n >= 1 && n <= 4).length / counts.length).toBeGreaterThan(0.8);
    expect(counts.filter((n) => n >= 15).length).toBeGreaterThanOrEqual(10);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
  });

  it("has about 5 % inactive people", () => {
    const share = 1 - activePeople().length / doc.people.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.09);
  });

  it("reuses few lessons and more assets", () => {
    const origin = new Map(doc.lessons.map((l) => [l.id, l.learnedIn]));
    const applied = new Set(
      doc.projects.flatMap((p) =>
        (p.applied ?? []).filter((a: any) => origin.get(a.lesson) !== p.id).map((a: any) => a.lesson),
      ),
    );
    const producer = new Map(doc.assets.map((a) => [a.id, a.producedBy]));
    const used = new Set(
      doc.projects.flatMap((p) =>
        (p.used ?? []).filter((u: any) => producer.get(u.asset) !== p.id).map((u: any) => u.asset),
      ),
    );
    const lessonShare = applied.size / doc.lessons.length;
    const assetShare = used.size / doc.assets.length;
    expect(lessonShare).toBeGreaterThan(0.05);
    expect(lessonShare).toBeLessThan(0.2);
    expect(assetShare).toBeGreaterThan(0.2);
    expect(assetShare).toBeLessThan(0.4);
  });

  it("has a taxonomy 3–4 levels deep with a few roots and some topics under two broader topics", () => {
    const broader = new Map<string, string[]>(doc.topics.map((t) => [t.id, t.broader ?? []]));
    const depth = (id: string): number => 1 + Math.max(0, ...broader.get(id)!.map(depth));
    const depths = doc.topics.map((t) => depth(t.id));
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...depths)).toBeLessThanOrEqual(4);
    const roots = depths.filter((d) => d === 1).length;
    expect(roots).toBeGreaterThanOrEqual(2);
    expect(roots).toBeLessThanOrEqual(12);
    expect(doc.topics.filter((t) => (t.broader ?? []).length === 2).length).toBeGreaterThan(0);
  });

  it("mixes project statuses, team sizes 3–15 and overloaded people", () => {
    const active =
      doc.projects.filter((p) => p.status === "ACTIVE" || p.status === "PLANNED").length / doc.projects.length;
    expect(active).toBeGreaterThan(0.5);
    expect(active).toBeLessThan(0.7);
    expect(new Set(doc.projects.map((p) => p.status))).toEqual(new Set(["ACTIVE", "PLANNED", "CLOSED"]));
    for (const project of doc.projects) {
      expect(project.team.length).toBeGreaterThanOrEqual(3);
      expect(project.team.length).toBeLessThanOrEqual(15);
    }
    const asOf = "2026-11-30";
    const load = new Map<string, number>();
    for (const project of doc.projects) {
      for (const m of project.team)
        if (m.from <= asOf && (!m.to || m.to >= asOf)) load.set(m.person, (load.get(m.person) ?? 0) + m.allocation);
    }
    expect([...load.values()].filter((l) => l > 1).length).toBeGreaterThan(0);
    const all = JSON.stringify(doc).match(/\d{4}-\d\d-\d\d/g)!;
    expect(all.every((d) => d >= "2020-01-01" && d <= "2027-12-31")).toBe(true);
  });

  it("has gaps with and without activities, and activities in every phase and status", () => {
    const targeted = new Set(doc.activities.flatMap((a) => a.targets ?? []));
    expect(targeted.size).toBeGreaterThan(0);
    expect(targeted.size).toBeLessThan(doc.gaps.length);
    const kinds = new Set(doc.activities.map((a) => `${a.phase}/${a.status}`));
    for (const phase of ["BEFORE", "DURING", "AFTER"])
      for (const status of ["PLANNED", "DONE", "CANCELLED"]) expect(kinds).toContain(`${phase}/${status}`);
    const gapProject = new Map(doc.gaps.map((g) => [g.id, g.project]));
    for (const activity of doc.activities)
      for (const gap of activity.targets ?? []) expect(gapProject.get(gap)).toBe(activity.project);
  });
});

describe("generate: streaming", () => {
  it("waits for drain when the stream is full, and writes the same bytes", async () => {
    let drains = 0;
    let maxBuffered = 0;
    const chunks: string[] = [];
    const slow = new Writable({
      highWaterMark: 4096,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString("utf8"));
        setImmediate(callback);
      },
    });
    slow.on("drain", () => drains++);
    const write = slow.write.bind(slow);
    slow.write = ((chunk: any, ...rest: any[]) => {
      const ok = write(chunk, ...rest);
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    await writeOrganisation("XS", 3, slow);
    expect(drains).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThan(200_000); // one chunk at a time, never the whole document
    expect(chunks.join("")).toBe((await generate("XS", 3)).text);
  });
});

describe("generate: a failing stream", () => {
  it("stops with the stream's error", async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error("pipe closed"));
      },
    });
    await expect(writeOrganisation("S", 1, broken)).rejects.toThrow("pipe closed");
  });
});

describe("kmgraph generate options", () => {
  it("rejects an unknown size and a seed that is not a whole number", async () => {
    const sink = new TextSink();
    for (const options of [{ size: "XXL" }, { seed: "1.5" }, { seed: "abc" }, { seed: "" }, { seed: "1e400" }]) {
      const error = await generateCommand(options, sink, () => {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(options)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("BAD_USER_INPUT");
    }
    expect(sink.text()).toBe("");
  });

  it("writes the document to out and progress lines to the log", async () => {
    const sink = new TextSink();
    const lines: string[] = [];
    await generateCommand({ size: "xs", seed: "3" }, sink, (line) => lines.push(line));
    expect(sink.text()).toBe((await generate("XS", 3)).text);
    expect(lines.filter((l) => /^generated [\d,]+ of 388 entities$/.test(l))).toHaveLength(9);
    expect(lines.at(-1)).toMatch(/^generated 388 entities and [\d,]+ relationships/);
  });
});
