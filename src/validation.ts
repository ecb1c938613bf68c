import type { z } from "zod";
import { badInput, type Problem } from "./errors.js";

/** `["projects", 3, "needs", 0, "topic"]` → `projects[3].needs[0].topic`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`,
    )
    .join("");
}

/** The problems of a failed parse, each with the path of the value it is about. */
export function problemsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): Problem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: messageOf(issue),
  }));
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
  return issue.message;
}

/** Parses or throws BAD_USER_INPUT listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  throw badInput(`invalid ${what}: ${problems.map(describe).join("; ")}`, problems);
}

export function describe(problem: Problem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** Problems for date pairs where the end comes before the start. */
export function dateRangeProblems(
  values: Readonly<Record<string, unknown>>,
  ranges: readonly (readonly [string, string])[] = [],
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  const problems: Problem[] = [];
  for (const [start, end] of ranges) {
    const from = values[start];
    const to = values[end];
    if (typeof from === "string" && typeof to === "string" && to < from) {
      problems.push({ path: formatPath([...prefix, end]), message: `must not be before ${start} (${from})` });
    }
  }
  return problems;
}

/** Drops keys whose value is `undefined` (fields a client or a document did not give). */
export function defined(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/**
 * The form in which a unique value (a topic name, an e-mail address) is
 * compared: NFC-normalised and lower-cased, so `Alice@Example.org` and
 * `alice@example.org` are one address. Stored beside the value as its key
 * property (model/entities.ts `uniqueKeys`), which a constraint keeps unique.
 */
export function uniqueKey(value: string): string {
  return value.normalize("NFC").toLowerCase();
}

/** In a `u` pattern a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a string is well-formed UTF-16 (`String.prototype.isWellFormed`, which ES2023 typings lack). */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

const ILL_FORMED = "is not valid Unicode (it holds a lone surrogate)";
/** Problems beyond this many are not looked for: one is enough to refuse the input. */
const KEPT_ILL_FORMED = 100;

/**
 * Problems for every string, value or key, that is not well-formed UTF-16 (a
 * lone surrogate). Neo4j would store such a string altered (U+FFFD), so it is
 * refused instead, with its path.
 */
export function illFormedStrings(value: unknown, prefix: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  const walk = (inner: unknown, path: PropertyKey[]): void => {
    if (problems.length >= KEPT_ILL_FORMED) return;
    if (typeof inner === "string") {
      if (!isWellFormed(inner)) problems.push({ path: formatPath(path), message: ILL_FORMED });
    } else if (Array.isArray(inner)) {
      for (let index = 0; index < inner.length; index++) walk(inner[index], [...path, index]);
    } else if (inner !== null && typeof inner === "object") {
      for (const [key, item] of Object.entries(inner)) {
        if (!isWellFormed(key)) problems.push({ path: formatPath(path), message: `a field name ${ILL_FORMED}` });
        walk(item, [...path, key]);
      }
    }
  };
  walk(value, [...prefix]);
  return problems;
}
