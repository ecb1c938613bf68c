import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";
import type { RequestLimits } from "../config.js";
import { AppError, type ErrorCode } from "../errors.js";

type LimitCode = Extract<ErrorCode, "QUERY_TOO_DEEP" | "TOO_MANY_ALIASES" | "TOO_MANY_DIRECTIVES">;

/**
 * armor reports "Syntax Error: <what> limit of N exceeded, found M."; the
 * client gets its own code and a message naming the limit and the value.
 */
function reportAs(code: LimitCode, what: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const match = /limit of (\d+(?:\.\d+)?) exceeded, found (\d+(?:\.\d+)?)/.exec(error.message);
    const message = match ? `${what} is ${match[2]}; at most ${match[1]} is allowed` : `${what} is over its limit`;
    // Carried as the original error, so formatError restores the code that Apollo's ValidationError replaces.
    context?.reportError(new GraphQLError(message, { originalError: new AppError(code, message) }));
  };
}

export interface ArmorProtection {
  readonly validationRules: ValidationRule[];
  readonly plugins: ApolloServerPlugin<BaseContext>[];
}

/**
 * The limits as graphql-armor's validation rules and plugins. The token limit
 * is not armor's: its Apollo plugin parses the document a second time and
 * throws outside Apollo's parse-error handling, whereas graphql's own parser
 * counts tokens as it reads (`parseOptions.maxTokens`, see app.ts). Nor is
 * the cost limit (query-cost.ts, checked in app.ts's admission): armor's
 * cannot multiply a list by a page size given by a variable or by the
 * schema's default.
 */
export function armorProtection(limits: RequestLimits, blockFieldSuggestions: boolean): ArmorProtection {
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      // The old rule's count: a fragment is not a level, its fields are.
      flattenFragments: true,
      // Code generators send the standard introspection query, deeper than any data query.
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reportAs("QUERY_TOO_DEEP", "the query's depth")],
    },
    maxAliases: {
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [reportAs("TOO_MANY_ALIASES", "the number of aliases")],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reportAs("TOO_MANY_DIRECTIVES", "the number of directives")],
    },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  });
  const { validationRules, plugins } = armor.protect();
  // armor's types come from @apollo/server's CommonJS build, ours from its ESM build: the same objects.
  return { validationRules, plugins: plugins as unknown as ApolloServerPlugin<BaseContext>[] };
}
