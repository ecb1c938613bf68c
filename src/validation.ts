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
