import type { MiddlewareFn } from "type-graphql";
import { badInput } from "../errors.js";
import { describe, illFormedStrings } from "../validation.js";

/**
 * Refuses an operation in which any input string is not well-formed Unicode
 * (a lone surrogate, which a JSON escape can spell; graphql-js already
 * refuses one in a literal of the query text). Neo4j would store it altered;
 * the client gets BAD_USER_INPUT with the path instead. Checked at each root
 * field, before its resolver runs, so nothing is read or written: first the
 * field's arguments, then every variable (one may feed only a nested field).
 */
export const refuseIllFormedStrings: MiddlewareFn = async ({ args, info }, next) => {
  if (info.path.prev === undefined) {
    let problems = illFormedStrings(args);
    if (problems.length === 0) {
      problems = Object.entries(info.variableValues).flatMap(([name, value]) => illFormedStrings(value, [`$${name}`]));
    }
    if (problems.length > 0) throw badInput(`invalid input: ${describe(problems[0]!)}`, problems);
  }
  return next();
};
