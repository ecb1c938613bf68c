import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { KnowledgeSource } from "../model/enums.js";
import { Role, roleAtLeast } from "../model/roles.js";
import type { Identity } from "./identity.js";
import type { MemberFacts } from "./member-facts.js";
import { MemberCondition, OWN_SCOPE, type Rule, ruleFor } from "./policy.js";

/** A coordinate the caller may not use, where the operation uses it. */
export interface Denial {
  /** `Person.email`, `Query.experts(minLevel:)`, `PersonFilter.active`… */
  readonly coordinate: string;
  /** Response path of the field (`people.edges.node.email`), or of the field whose argument it is. */
  readonly path: string;
  /** The weakest role that may use it. */
  readonly needs: Role;
}

export interface AccessRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly identity: Identity;
}

/** A use of a coordinate found in the operation, with the arguments a mutation's member rule needs. */
interface Use {
  readonly coordinate: string;
  readonly path: string;
  readonly args?: Readonly<Record<string, unknown>>;
  /** Read of the caller's own person (`viewer { person { … } }`). */
  readonly own?: boolean;
}

/**
 * Every coordinate of the operation the caller may not use, found before
 * anything runs: fields (fragments expanded), arguments and input fields
 * with their values (literals and variables alike) and enum values. An empty
 * list lets the operation run. Runs after validation, so the cost limits
 * have already bounded how much there is to walk.
 */
export async function deniedUses(request: AccessRequest, facts: MemberFacts): Promise<Denial[]> {
  const { identity } = request;
  if (identity.role === Role.ADMIN) return [];
  const denials: Denial[] = [];
  for (const use of usesOf(request)) {
    // A coordinate without a rule is one nobody decided on: only an administrator may use it.
    const rule: Rule = ruleFor(use.coordinate) ?? { role: Role.ADMIN };
    if (roleAtLeast(identity.role, rule.role)) continue;
    if (rule.own && use.own && identity.personId !== null) continue;
    if (rule.member && roleAtLeast(identity.role, Role.MEMBER) && use.args) {
      if (await memberMay(rule.member, use.args, identity, facts)) continue;
    }
    denials.push({ coordinate: use.coordinate, path: use.path, needs: rule.role });
  }
  return denials;
}

function usesOf(request: AccessRequest): Use[] {
  const { schema, document, operation } = request;
  // Arguments are read as execution will read them: variables coerced (enum names to their values).
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables);
  // Variables that do not coerce stop execution before any resolver: there is nothing to authorise.
  if (coerced.errors) return [];
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = schema.getRootType(operation.operation);
  const uses: Use[] = [];
  const isMutation = operation.operation === "mutation";

  const ruled = (coordinate: string, path: string) => {
    if (ruleFor(coordinate)) uses.push({ coordinate, path });
  };

  const walkInput = (type: GraphQLInputType, value: unknown, path: string) => {
    if (value === undefined || value === null) return;
    if (isNonNullType(type)) return walkInput(type.ofType, value, path);
    if (isListType(type)) {
      for (const item of Array.isArray(value) ? value : [value]) walkInput(type.ofType, item, path);
      return;
    }
    if (isInputObjectType(type) && typeof value === "object") {
      const fields = type.getFields();
      for (const [name, inner] of Object.entries(value)) {
        const field = fields[name];
        if (!field || inner === undefined) continue;
        uses.push({ coordinate: `${type.name}.${name}`, path });
        walkInput(field.type, inner, path);
      }
      return;
    }
    if (isEnumType(type)) {
      const name = type.getValues().find((candidate) => candidate.value === value)?.name;
      // Enum values are free unless a rule names them (sorting people by e-mail).
      if (name !== undefined) ruled(`${type.name}.${name}`, path);
    }
  };

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType,
    path: string,
    depth: number,
    own: boolean,
  ) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) walk(selection.selectionSet, type, path, depth, own);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type) walk(fragment.selectionSet, type, path, depth, own);
        continue;
      }
      const name = selection.name.value;
      // Introspection describes the schema, not the graph; whether it is served is a server setting.
      if (name.startsWith("__")) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field: GraphQLField<unknown, unknown> | undefined = parent.getFields()[name];
      if (!field) continue;
      const fieldPath = path ? `${path}.${selection.alias?.value ?? name}` : (selection.alias?.value ?? name);
      const coordinate = `${parent.name}.${name}`;
      const args = getArgumentValues(field, selection, variables);
      uses.push({ coordinate, path: fieldPath, args: isMutation && depth === 0 ? args : undefined, own });
      for (const argument of field.args) {
        const value = args[argument.name];
        if (value === undefined) continue;
        // Arguments are free unless a rule names them (`experts(minLevel:)`); their input values are walked.
        ruled(`${coordinate}(${argument.name}:)`, fieldPath);
        walkInput(argument.type, value, fieldPath);
      }
      const staysOwn = OWN_SCOPE.has(coordinate) && (own || coordinate === "Viewer.person");
      if (selection.selectionSet)
        walk(selection.selectionSet, getNamedType(field.type), fieldPath, depth + 1, staysOwn);
    }
  };

  if (root) walk(operation.selectionSet, root, "", 0, false);
  return uses;
}

async function memberMay(
  condition: MemberCondition,
  args: Readonly<Record<string, unknown>>,
  identity: Identity,
  facts: MemberFacts,
): Promise<boolean> {
  const self = identity.personId;
  if (condition === MemberCondition.ANY) return true;
  if (self === null) return false;
  const isSelf = args.person === self;
  const lesson = typeof args.lesson === "string" ? args.lesson : typeof args.id === "string" ? args.id : null;
  switch (condition) {
    case MemberCondition.SELF:
      return isSelf;
    case MemberCondition.SELF_DECLARED:
      return isSelf && (args.properties as { source?: unknown } | undefined)?.source === KnowledgeSource.SELF;
    case MemberCondition.OWN_LESSON:
      return lesson !== null && (await facts(self, lesson, null)).recordedBySelf;
    case MemberCondition.CLAIM_LESSON: {
      if (!isSelf || lesson === null) return false;
      return !(await facts(self, lesson, null)).recordedByOthers;
    }
    case MemberCondition.OWN_LESSON_OWN_PROJECT: {
      const project = typeof args.project === "string" ? args.project : null;
      if (lesson === null || project === null) return false;
      const found = await facts(self, lesson, project);
      return found.recordedBySelf && found.worksOnProject;
    }
  }
}
