import { parseArgs } from "node:util";
import { isSizeName, SIZE_NAMES, type SizeName } from "./kmgraph.js";

export interface BenchOptions {
  readonly size: SizeName;
  readonly seed: number;
  /** Measured calls per operation; undefined: each operation's default. */
  readonly iterations: number | undefined;
  /** Warm-up calls per operation; undefined: each operation's default. */
  readonly warmup: number | undefined;
  /** Keep a database already loaded with the same document instead of loading again. */
  readonly reuse: boolean;
  /** Run only the operations whose key contains one of these (for working on one). */
  readonly only: readonly string[];
  /** Embedded Neo4j: Bolt port, JVM heap and page cache. */
  readonly port: number;
  readonly heap: string;
  readonly pageCache: string;
  /** Folder of the JSON results. */
  readonly resultsDir: string;
  /** HTTP part (http.ts): seconds per measurement, seconds of warm-up per target, connection counts. */
  readonly httpDurationS: number;
  readonly httpWarmupS: number;
  readonly httpConnections: readonly number[];
}

export const USAGE = `npm run bench -- --size S|M|L [options]

  --size S|M|L         organisation size (docs/generator.md); XS for a quick try
  --seed N             generator seed (default 1)
  --iterations N       measured calls per operation (default: per operation)
  --warmup N           warm-up calls per operation (default: per operation)
  --reuse              keep the database if it already holds this size and seed
  --only a,b           only operations whose key contains a or b
  --port N             Bolt port of the embedded Neo4j (default 7696)
  --neo4j-heap SIZE    JVM heap of the embedded Neo4j (default by size)
  --neo4j-pagecache S  page cache of the embedded Neo4j (default by size)
  --results DIR        where the JSON results go (default bench/results)
  --http-duration S    seconds of each HTTP measurement (default 6)
  --http-warmup S      seconds of HTTP warm-up per target (default 3)
  --http-connections L connection counts of the HTTP measurements (default 1,8,32)

With NEO4J_URI set, that server is used instead of the embedded one (and
never loaded into while it holds data, unless --reuse).`;

/** Memory of the embedded Neo4j by size: S and M fit the defaults of a laptop, L needs room. */
const NEO4J_MEMORY: Record<SizeName, { heap: string; pageCache: string }> = {
  XS: { heap: "1g", pageCache: "256m" },
  S: { heap: "2g", pageCache: "512m" },
  M: { heap: "3g", pageCache: "1g" },
  L: { heap: "6g", pageCache: "4g" },
};

/** A command line the benchmark cannot run; `--help` is one too, answered with exit code 0. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    // node:util says what is wrong (an unknown option, a missing value) in plain words.
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) throw new UsageError(USAGE, 0);
  const sizeText = values.size?.trim().toUpperCase();
  if (!sizeText || !isSizeName(sizeText)) {
    throw new UsageError(
      `--size must be one of ${SIZE_NAMES.join(", ")}${values.size ? `, got "${values.size}"` : ""}\n\n${USAGE}`,
    );
  }
  const size = sizeText;
  return {
    size,
    seed: wholeNumber("--seed", values.seed, { min: Number.MIN_SAFE_INTEGER }),
    iterations:
      values.iterations === undefined ? undefined : wholeNumber("--iterations", values.iterations, { min: 1 }),
    warmup: values.warmup === undefined ? undefined : wholeNumber("--warmup", values.warmup, { min: 0 }),
    reuse: values.reuse,
    only: values.only
      ? values.only
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean)
      : [],
    port: wholeNumber("--port", values.port, { min: 1, max: 65535 }),
    heap: values["neo4j-heap"] ?? NEO4J_MEMORY[size].heap,
    pageCache: values["neo4j-pagecache"] ?? NEO4J_MEMORY[size].pageCache,
    resultsDir: values.results,
    httpDurationS: wholeNumber("--http-duration", values["http-duration"], { min: 1, max: 3600 }),
    httpWarmupS: wholeNumber("--http-warmup", values["http-warmup"], { min: 1, max: 3600 }),
    httpConnections: values["http-connections"]
      .split(",")
      .map((part) => wholeNumber("--http-connections", part.trim(), { min: 1, max: 1000 })),
  };
}

function wholeNumber(name: string, text: string, range: { min: number; max?: number }): number {
  const value = Number(text);
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < range.min || value > max) {
    throw new UsageError(`${name} must be a whole number from ${range.min} to ${max}, got "${text}"`);
  }
  return value;
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      size: { type: "string" },
      seed: { type: "string", default: "1" },
      iterations: { type: "string" },
      warmup: { type: "string" },
      reuse: { type: "boolean", default: false },
      only: { type: "string" },
      port: { type: "string", default: "7696" },
      "neo4j-heap": { type: "string" },
      "neo4j-pagecache": { type: "string" },
      results: { type: "string", default: "bench/results" },
      "http-duration": { type: "string", default: "6" },
      "http-warmup": { type: "string", default: "3" },
      "http-connections": { type: "string", default: "1,8,32" },
      help: { type: "boolean", default: false },
    },
  });
}
