import { GraphQLError } from "graphql";
import { type Denial, deniedUses } from "../auth/authorization.js";
import { AppError } from "../errors.js";
import type { Role } from "../model/roles.js";
import type { OperationCheck } from "./admission.js";

/**
 * Access control, in one place: once the operation is parsed, validated and
 * within its cost, and before any resolver runs (so before any Cypher of its
 * own), the whole operation is checked against the role policy. An operation that uses anything its caller
 * may not is refused whole, with one problem per denied use: no partial
 * answers whose gaps a client must interpret, and nothing to learn from what
 * came back.
 */
export const authorize: OperationCheck = async ({ schema, document, operation, request, contextValue }) => {
  // Apollo resolves the operation before the checks; without one, execution reports the error.
  if (!operation) return;
  const denials = await deniedUses(
    { schema, document, operation, variables: request.variables ?? {}, identity: contextValue.identity },
    contextValue.memberFacts,
  );
  if (denials.length > 0) throw forbidden(contextValue.identity.role, denials);
};

function forbidden(role: Role, denials: readonly Denial[]): GraphQLError {
  const problems = denials.map((denial) => ({
    path: denial.path,
    message: `${denial.coordinate} needs the ${denial.needs} role`,
  }));
  const first = denials[0]!;
  const more = denials.length > 1 ? ` (and ${denials.length - 1} more, listed in problems)` : "";
  const error = new AppError(
    "FORBIDDEN",
    `the ${role} role may not use ${first.coordinate}: it needs ${first.needs}${more}`,
    problems,
  );
  return new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 403 } } });
}
