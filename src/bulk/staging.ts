import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ObjectPlan } from "../interchange/object-plan.js";
import type { Label } from "../model/entities.js";
import { ChunkWriter } from "../streams/chunk-writer.js";

/** A node as staged: label, id and every property, already checked and normalised. */
export interface StagedNode {
  label: Label;
  id: string;
  props: Record<string, unknown>;
}

/** An object's relationship fields as staged: relation key → [other id, properties][]. */
export interface StagedLinks {
  label: Label;
  id: string;
  fields: [string, [string, Record<string, unknown>][]][];
}

/**
 * The validated document, staged on local disk as two JSON-lines files
 * (nodes, then relationship fields). Validation parses the document once; the
 * write passes read these lines with the native JSON parser instead of
 * streaming and checking the document again, and a document edited while the
 * import runs cannot change what is written.
 */
export class Staging {
  private constructor(
    private readonly dir: string,
    private readonly nodes: LineWriter,
    private readonly links: LineWriter,
  ) {}

  static async create(): Promise<Staging> {
    const dir = await mkdtemp(join(tmpdir(), "kmgraph-import-"));
    return new Staging(dir, new LineWriter(join(dir, "nodes.jsonl")), new LineWriter(join(dir, "links.jsonl")));
  }

  async add(label: Label, plan: ObjectPlan): Promise<void> {
    const { id, props } = plan.node;
    await this.nodes.write(JSON.stringify({ label, id, props } satisfies StagedNode));
    if (plan.links.length === 0) return;
    const fields = plan.links.map(({ relation, entries }) => [
      relation.key,
      entries.map((entry) => [entry.other, entry.props]),
    ]);
    await this.links.write(JSON.stringify({ label, id, fields }));
  }

  async close(): Promise<void> {
    await Promise.all([this.nodes.close(), this.links.close()]);
  }

  stagedNodes(): AsyncGenerator<StagedNode> {
    return readLines(this.nodes.path);
  }

  stagedLinks(): AsyncGenerator<StagedLinks> {
    return readLines(this.links.path);
  }

  async remove(): Promise<void> {
    await this.close().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A JSON-lines file written through a ChunkWriter. */
class LineWriter {
  private readonly stream: WriteStream;
  private readonly chunks: ChunkWriter;
  private closed = false;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.chunks = new ChunkWriter(this.stream);
  }

  write(line: string): Promise<void> {
    return this.chunks.add(`${line}\n`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chunks.flush();
    this.chunks.close();
    this.stream.end();
    await once(this.stream, "close");
  }
}

async function* readLines<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}
