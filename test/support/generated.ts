import { Writable } from "node:stream";
import type { SizeName } from "../../src/generator/sizes.js";
import { type GenerationStats, writeOrganisation } from "../../src/generator/write.js";

/** Collects everything written, answering each write at once. */
export class TextSink extends Writable {
  readonly chunks: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString("utf8"));
    callback();
  }

  text(): string {
    return this.chunks.join("");
  }
}

export async function generate(size: SizeName, seed: number): Promise<{ text: string; stats: GenerationStats }> {
  const sink = new TextSink();
  const stats = await writeOrganisation(size, seed, sink);
  return { text: sink.text(), stats };
}
