import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import type { Context } from "../context/context.js";

/** A check of a resolved operation before any resolver runs; it refuses the operation by throwing a GraphQLError. */
export type OperationCheck = (request: GraphQLRequestContextDidResolveOperation<Context>) => void | Promise<void>;

/**
 * The checks an operation passes before it runs, one after another.
 * Apollo calls every plugin's `didResolveOperation` at once, so an operation
 * one plugin refuses would still reach the next; here a check runs only once
 * those before it passed. The graph-free checks come first: an operation
 * over a limit never reaches a check that reads the graph (a MEMBER's
 * conditional write asks who recorded a lesson).
 */
export function admissionPlugin(checks: readonly OperationCheck[]): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          for (const check of checks) await check(request);
        },
      };
    },
  };
}
