import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Transform } from "node:stream";
import { finished } from "node:stream/promises";
import { type GenerationStats, SIZES, type SizeName, totalEntities, writeOrganisation } from "./kmgraph.js";
import { type Log, progressEvery } from "./log.js";

export interface OrganisationFile {
  readonly path: string;
  readonly stats: GenerationStats;
  /** SHA-256 of the document: tells whether a database already holds exactly this organisation. */
  readonly sha256: string;
  readonly generateMs: number;
}

/**
 * Writes the organisation of `kmgraph generate --size <size> --seed <seed>`
 * to `path`, hashing it on the way. Always generated afresh (S takes about a
 * second, L about 20 s): a file left over from an older generator would
 * silently benchmark other data.
 */
export async function generateOrganisationFile(
  size: SizeName,
  seed: number,
  path: string,
  log: Log,
): Promise<OrganisationFile> {
  await mkdir(dirname(path), { recursive: true });
  const started = performance.now();
  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const file = createWriteStream(path);
  hashing.pipe(file);
  const total = totalEntities(SIZES[size]);
  log(`generating size ${size}, seed ${seed} (${total.toLocaleString("en-US")} entities) into ${path}`);
  const stats = await writeOrganisation(size, seed, hashing, { progress: progressEvery(total, log, "generated") });
  hashing.end();
  await finished(file);
  return { path, stats, sha256: hash.digest("hex"), generateMs: performance.now() - started };
}
