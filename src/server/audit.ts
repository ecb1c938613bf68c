import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  GraphQLError,
  type GraphQLFormattedError,
  GraphQLIncludeDirective,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { Context } from "../context/context.js";
import { AppError } from "../errors.js";
import { AuditOutcome } from "../repositories/audit.js";
import { type AuditDraft, documentIds, resultCounts } from "../services/audit-service.js";
import type { ErrorLogger } from "./errors.js";

/** A root field of a mutation that ran: what the resolver was given and what it returned or threw. */
interface FieldWrite {
  readonly operation: string;
  readonly ids: string[];
  readonly at: Date;
  readonly error: unknown;
  readonly result: unknown;
}

/**
 * The audit trail of the API, in one place: every root field of a mutation
 * operation becomes one entry, written once the response is ready (so after
 * the field's own transaction committed or rolled back), in a transaction of
 * its own. A field that ran is OK or FAILED with its error's code (DENIED for
 * FORBIDDEN); an operation refused before execution (access control, bad
 * variables) gives each of its root fields an entry with the refusal's code.
 * A document that does not validate never became an operation and is not
 * recorded; neither is a request refused as UNAUTHENTICATED, which has no
 * identity and would let anyone fill the trail.
 *
 * Only ids and counts leave the request: ids are read from the arguments
 * typed ID (and the `id`s of an import document), counts from the
 * resolver's result; no other input value, no e-mail, no token.
 */
export function auditPlugin(logError: ErrorLogger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const ran: FieldWrite[] = [];
      let executed = false;
      return {
        async executionDidStart({ operation }) {
          if (operation.operation !== "mutation") return;
          executed = true;
          return {
            willResolveField({ info, args }) {
              if (info.path.prev !== undefined) return;
              const field = info.parentType.getFields()[info.fieldName];
              const ids = field ? idsOfArguments(field.args, args) : [];
              return (error, result) => {
                ran.push({ operation: info.fieldName, ids, at: new Date(), error, result });
              };
            },
          };
        },
        async willSendResponse({ operation, document, schema, request, response, contextValue }) {
          if (operation?.operation !== "mutation" || !document) return;
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const identity = contextValue.identity;
          const base = {
            actor: { role: identity.role, via: identity.via, subject: identity.subject, personId: identity.personId },
            requestId: contextValue.requestId ?? null,
          };
          const drafts: AuditDraft[] =
            executed && ran.length > 0
              ? ran.map((write) => ({ ...base, ...outcomeOfField(write), at: write.at }))
              : errors.length > 0
                ? refusedFields(schema, document, operation, request.variables ?? {}).map((field) => ({
                    ...base,
                    ...field,
                    ...outcomeOfRefusal(errors),
                  }))
                : [];
          try {
            await contextValue.audit.record(drafts);
          } catch (error) {
            // The write itself has committed or rolled back by now; the operator must hear of the gap.
            logError(
              new Error(`the audit trail could not record ${drafts.map((d) => d.operation).join(", ")}`, {
                cause: error,
              }),
            );
          }
        },
      };
    },
  };
}

const DENIED_CODE = "FORBIDDEN";

function codeOf(error: unknown): string {
  if (error instanceof AppError) return error.code;
  if (error instanceof GraphQLError) {
    if (error.originalError instanceof AppError) return error.originalError.code;
    const code = error.extensions.code;
    if (typeof code === "string") return code;
  }
  return "INTERNAL_SERVER_ERROR";
}

function outcomeOfField(write: FieldWrite): Omit<AuditDraft, "actor"> {
  if (!write.error) {
    return {
      operation: write.operation,
      outcome: AuditOutcome.OK,
      ids: write.ids,
      counts: resultCounts(write.operation, write.result),
    };
  }
  const code = codeOf(write.error);
  return {
    operation: write.operation,
    outcome: code === DENIED_CODE ? AuditOutcome.DENIED : AuditOutcome.FAILED,
    errorCode: code,
    ids: write.ids,
  };
}

function outcomeOfRefusal(errors: readonly GraphQLFormattedError[]): Pick<AuditDraft, "outcome" | "errorCode"> {
  const codes = errors.map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
  if (codes.includes(DENIED_CODE)) return { outcome: AuditOutcome.DENIED, errorCode: DENIED_CODE };
  return { outcome: AuditOutcome.FAILED, errorCode: codes[0]! };
}

/** The root fields of an operation that never ran, with the ids their arguments name when they can be read. */
function refusedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { operation: string; ids: string[] }[] {
  const root = schema.getMutationType();
  if (!root) return [];
  return rootFields(document, operation.selectionSet, variables, new Set()).map((node) => ({
    operation: node.name.value,
    ids: idsOfNode(root, node, variables),
  }));
}

function rootFields(
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown>,
  visited: Set<string>,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (!included(selection, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith("__")) fields.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fields.push(...rootFields(document, selection.selectionSet, variables, visited));
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION)
        fields.push(...rootFields(document, fragment.selectionSet, variables, visited));
    }
  }
  return fields;
}

function included(node: SelectionSetNode["selections"][number], variables: Record<string, unknown>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  } catch {
    return true;
  }
}

function idsOfNode(root: GraphQLObjectType, node: FieldNode, variables: Record<string, unknown>): string[] {
  const field = root.getFields()[node.name.value];
  if (!field) return [];
  try {
    return idsOfArguments(field.args, getArgumentValues(field, node, variables));
  } catch {
    // Arguments that do not coerce (the refusal may be about them) name no id we could trust.
    return [];
  }
}

function idsOfArguments(definitions: readonly GraphQLArgument[], values: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const argument of definitions) idsIn(argument.type, values[argument.name], ids);
  return ids;
}

/** The values typed ID in an argument, through input objects and lists; an import document's node ids. */
function idsIn(type: GraphQLInputType, value: unknown, ids: string[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    idsIn(type.ofType, value, ids);
    return;
  }
  if (isListType(type)) {
    if (Array.isArray(value)) for (const item of value) idsIn(type.ofType, item, ids);
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== "object") return;
    for (const field of Object.values(type.getFields()))
      idsIn(field.type, (value as Record<string, unknown>)[field.name], ids);
    return;
  }
  if (isScalarType(type) && type.name === "ID") ids.push(String(value));
  else if (isScalarType(type) && type.name === "JSONObject") ids.push(...documentIds(value));
}
