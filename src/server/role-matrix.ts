import { type GraphQLSchema, isEnumType, isInputObjectType, isObjectType } from "graphql";
import { MemberCondition, PERSONAL_TYPES, RULES, type Rule, ruleFor } from "../auth/policy.js";
import { Role, roleAtLeast } from "../model/roles.js";
import { kmgraphSchema } from "./schema.js";

const ROLES = [Role.VIEWER, Role.MEMBER, Role.KM_LEAD, Role.ADMIN] as const;

/** How each member condition reads in the matrix. */
const CONDITION_TEXT: Readonly<Record<MemberCondition, string>> = {
  [MemberCondition.ANY]: "yes",
  [MemberCondition.SELF]: "own profile",
  [MemberCondition.SELF_DECLARED]: "own profile, source SELF",
  [MemberCondition.OWN_LESSON]: "lessons they recorded",
  [MemberCondition.CLAIM_LESSON]: "as recorder, of an unrecorded or own lesson",
  [MemberCondition.OWN_LESSON_OWN_PROJECT]: "own lesson, project they work on",
};

const BEGIN = "<!-- role-matrix:begin (generated: npm run docs:roles) -->";
const END = "<!-- role-matrix:end -->";

function cell(rule: Rule, role: Role): string {
  if (roleAtLeast(role, rule.role)) return "yes";
  if (role === Role.MEMBER && rule.member) return CONDITION_TEXT[rule.member];
  return "—";
}

function table(rows: readonly [string, Rule][]): string[] {
  return [
    `| | ${ROLES.join(" | ")} |`,
    `|---|${ROLES.map(() => "---").join("|")}|`,
    ...rows.map(([name, rule]) => `| \`${name}\` | ${ROLES.map((role) => cell(rule, role)).join(" | ")} |`),
  ];
}

function rootRows(schema: GraphQLSchema, type: "Query" | "Mutation"): [string, Rule][] {
  const root = type === "Query" ? schema.getQueryType() : schema.getMutationType();
  return Object.keys(root?.getFields() ?? {})
    .sort()
    .map((name) => [name, ruleFor(`${type}.${name}`) ?? { role: Role.ADMIN }]);
}

/** The policy as docs/security.md prints it: every query, every mutation, every personal coordinate. */
export function roleMatrix(schema: GraphQLSchema): string {
  const personal = [...RULES.entries()]
    .filter(([coordinate, rule]) => !/^(Query|Mutation)\./.test(coordinate) && rule.role !== Role.VIEWER)
    .sort(([a], [b]) => a.localeCompare(b));
  const kinds = (coordinate: string): string => {
    const type = schema.getType(coordinate.slice(0, coordinate.indexOf(".")));
    if (coordinate.includes("(")) return "argument";
    if (isEnumType(type)) return "enum value";
    if (isInputObjectType(type)) return "input field";
    return isObjectType(type) ? "field" : "?";
  };
  return [
    BEGIN,
    "",
    "**Queries** (a field's own rule; the fields below it are checked too):",
    "",
    ...table(rootRows(schema, "Query")),
    "",
    "**Mutations:**",
    "",
    ...table(rootRows(schema, "Mutation")),
    "",
    `**Personal fields, arguments and values**, on the types ${[...PERSONAL_TYPES].sort().join(", ")}` +
      " (every other field of these types, and every field of every other type, is open to every role):",
    "",
    "| coordinate | kind | weakest role |",
    "|---|---|---|",
    ...personal.map(
      ([coordinate, rule]) =>
        `| \`${coordinate}\` | ${kinds(coordinate)} | ${rule.role}${rule.own ? " (of one's own person: any role)" : ""} |`,
    ),
    "",
    END,
  ].join("\n");
}

/** `text` with its generated matrix replaced by `matrix`; throws when the markers are missing. */
export function withRoleMatrix(text: string, matrix: string): string {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`the role matrix markers are missing (${BEGIN} … ${END})`);
  return text.slice(0, begin) + matrix + text.slice(end + END.length);
}

export async function currentRoleMatrix(): Promise<string> {
  return roleMatrix(await kmgraphSchema());
}
