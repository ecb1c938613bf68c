import { badInput } from "../errors.js";
import { isSizeName, SIZE_NAMES, SIZES, type SizeName, totalEntities } from "../generator/sizes.js";
import { type GenerationStats, writeOrganisation } from "../generator/write.js";

/** Defaults when an option is left out. */
export const DEFAULT_SIZE: SizeName = "S";
export const DEFAULT_SEED = 1;

const number = new Intl.NumberFormat("en-US");

/**
 * `kmgraph generate [--size XS|S|M|L] [--seed N]`: writes a synthetic
 * organisation as an interchange document to `out` (stdout), streaming, and
 * reports progress every 10 % of the entities on stderr (see docs/generator.md).
 */
export async function generateCommand(
  options: { size?: string; seed?: string },
  out: NodeJS.WritableStream,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<void> {
  const size = parseSize(options.size);
  const seed = parseSeed(options.seed);
  const total = totalEntities(SIZES[size]);
  const step = Math.max(1, Math.ceil(total / 10));
  const started = Date.now();
  log(`generating size ${size}, seed ${seed}: ${number.format(total)} entities`);
  const stats = await writeOrganisation(size, seed, out, {
    progress: (done) => {
      if (done % step === 0 && done < total)
        log(`generated ${number.format(done)} of ${number.format(total)} entities`);
    },
  });
  log(summary(stats, Date.now() - started));
}

export function parseSize(value: string | undefined): SizeName {
  if (value === undefined) return DEFAULT_SIZE;
  const upper = value.trim().toUpperCase();
  if (!isSizeName(upper)) throw badInput(`--size must be one of ${SIZE_NAMES.join(", ")}, got "${value}"`);
  return upper;
}

/** A whole number that JavaScript represents exactly (negative seeds are allowed). */
export function parseSeed(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  const text = value.trim();
  const seed = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(seed)) {
    throw badInput(
      `--seed must be a whole number (at most ${number.format(Number.MAX_SAFE_INTEGER)} in size), got "${value}"`,
    );
  }
  return seed;
}

function summary(stats: GenerationStats, ms: number): string {
  const mb = (stats.bytes / 1_000_000).toFixed(1);
  return `generated ${number.format(stats.totalEntities)} entities and ${number.format(stats.totalRelationships)} relationships (${mb} MB) in ${(ms / 1000).toFixed(1)} s`;
}
