import type { Problem } from "../errors.js";
import { ENTITY_ORDER, type EntitySpec, type Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { dateRangeProblems, problemsOf } from "../services/validation.js";
import { DocumentSchema, otherEnd, ownedRelations, type DocumentObject } from "./document-schema.js";

/** A node to upsert: every property of its label, null where the document has none. */
export interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}

export interface RelationshipRow {
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/** The relationships of one relation that the document declares, grouped by owner. */
export interface RelationPlan {
  relation: RelationSpec;
  /** Each owner with the ids at the other end it keeps; others of the type are removed. */
  owners: { id: string; keep: string[] }[];
  rows: RelationshipRow[];
}

/** A validated document, ready to write. */
export interface ImportPlan {
  nodes: { entity: EntitySpec; rows: NodeRow[] }[];
  relations: RelationPlan[];
  /** Ids the document references without defining them: they must exist in the graph. */
  external: { label: Label; id: string; path: string }[];
}

/**
 * The plan and the problems found in the document alone. Without a plan the
 * document's structure is wrong; with one, its references to the graph must
 * still be checked before anything is written.
 */
export type PlanResult = { plan: ImportPlan | null; problems: Problem[] };

/**
 * Checks the whole document and turns it into an import plan. Every problem is
 * reported with its path.
 */
export function planImport(input: unknown): PlanResult {
  const parsed = DocumentSchema.safeParse(input);
  if (!parsed.success) return { plan: null, problems: problemsOf(parsed.error) };
  const document = parsed.data as Record<string, DocumentObject[] | undefined>;
  const problems: Problem[] = [];

  const defined = new Map<Label, Set<string>>();
  for (const entity of ENTITY_ORDER) {
    const ids = new Set<string>();
    (document[entity.collection] ?? []).forEach((object, index) => {
      if (ids.has(object.id)) {
        problems.push({ path: `${entity.collection}[${index}].id`, message: `duplicate id "${object.id}"` });
      }
      ids.add(object.id);
    });
    defined.set(entity.label, ids);
  }

  const plan: ImportPlan = { nodes: [], relations: [], external: [] };
  for (const entity of ENTITY_ORDER) {
    const objects = document[entity.collection] ?? [];
    plan.nodes.push({ entity, rows: objects.map((object, index) => nodeRow(entity, object, [entity.collection, index], problems)) });
    for (const relation of ownedRelations(entity)) {
      plan.relations.push(relationPlan(relation, objects, entity.collection, defined, plan.external, problems));
    }
  }
  problems.push(...uniqueValueProblems(document), ...cycleProblems(plan, document));
  return { plan, problems };
}

function nodeRow(entity: EntitySpec, object: DocumentObject, at: (string | number)[], problems: Problem[]): NodeRow {
  const given = Object.fromEntries(Object.keys(entity.properties.shape).map((key) => [key, object[key] ?? undefined]));
  const result = entity.properties.safeParse({ ...entity.defaults, ...withoutUndefined(given) });
  if (!result.success) {
    problems.push(...problemsOf(result.error, at));
    return { id: object.id, props: {} };
  }
  problems.push(...dateRangeProblems(result.data, entity.dateRanges, at));
  const props = Object.fromEntries(Object.keys(entity.properties.shape).map((key) => [key, result.data[key] ?? null]));
  return { id: object.id, props };
}

function relationPlan(
  relation: RelationSpec,
  objects: readonly DocumentObject[],
  collection: string,
  defined: ReadonlyMap<Label, ReadonlySet<string>>,
  external: ImportPlan["external"],
  problems: Problem[],
): RelationPlan {
  const { field, owner, ref } = relation.document;
  const target = otherEnd(relation);
  const plan: RelationPlan = { relation, owners: [], rows: [] };
  objects.forEach((object, index) => {
    const value = object[field];
    // A field the document leaves out leaves those relationships as they are; null or [] clears them.
    if (value === undefined) return;
    const entries: { other: string; props: Record<string, unknown>; path: string }[] = [];
    const base = `${collection}[${index}].${field}`;
    if (typeof value === "string") entries.push({ other: value, props: {}, path: base });
    if (Array.isArray(value)) {
      value.forEach((item: unknown, position) => {
        if (typeof item === "string") {
          entries.push({ other: item, props: {}, path: `${base}[${position}]` });
          return;
        }
        const { [ref!]: other, ...rest } = item as Record<string, unknown>;
        const props = relationshipProps(relation, rest, [collection, index, field, position], problems);
        entries.push({ other: String(other), props, path: `${base}[${position}].${ref}` });
      });
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.other)) {
        problems.push({ path: entry.path, message: `"${entry.other}" is listed twice` });
        continue;
      }
      seen.add(entry.other);
      if (!defined.get(target)?.has(entry.other)) external.push({ label: target, id: entry.other, path: entry.path });
      const [from, to] = owner === "from" ? [object.id, entry.other] : [entry.other, object.id];
      plan.rows.push({ from, to, props: entry.props });
    }
    plan.owners.push({ id: object.id, keep: [...seen] });
  });
  return plan;
}

function relationshipProps(
  relation: RelationSpec,
  given: Record<string, unknown>,
  at: (string | number)[],
  problems: Problem[],
): Record<string, unknown> {
  if (!relation.properties) return {};
  const result = relation.properties.safeParse({ ...relation.defaults, ...withoutUndefined(given) });
  if (!result.success) {
    problems.push(...problemsOf(result.error, at));
    return {};
  }
  problems.push(...dateRangeProblems(result.data, relation.dateRanges, at));
  return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== null && value !== undefined));
}

/** Topic names and e-mail addresses are unique in the graph, so in the document too. */
function uniqueValueProblems(document: Record<string, DocumentObject[] | undefined>): Problem[] {
  const problems: Problem[] = [];
  const check = (collection: string, property: string) => {
    const first = new Map<unknown, number>();
    (document[collection] ?? []).forEach((object, index) => {
      const value = object[property];
      if (value === undefined || value === null) return;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else {
        problems.push({
          path: `${collection}[${index}].${property}`,
          message: `"${String(value)}" is already used by ${collection}[${earlier}]`,
        });
      }
    });
  };
  check("topics", "name");
  check("people", "email");
  return problems;
}

/** Acyclic relations (the taxonomy) must have no cycle within the document. */
function cycleProblems(plan: ImportPlan, document: Record<string, DocumentObject[] | undefined>): Problem[] {
  const problems: Problem[] = [];
  for (const { relation, rows } of plan.relations) {
    if (!relation.acyclic) continue;
    const next = new Map<string, string[]>();
    for (const row of rows) next.set(row.from, [...(next.get(row.from) ?? []), row.to]);
    const state = new Map<string, "open" | "done">();
    const visit = (id: string, trail: string[]): string[] | null => {
      if (state.get(id) === "open") return [...trail.slice(trail.indexOf(id)), id];
      if (state.get(id) === "done") return null;
      state.set(id, "open");
      for (const to of next.get(id) ?? []) {
        const cycle = visit(to, [...trail, id]);
        if (cycle) return cycle;
      }
      state.set(id, "done");
      return null;
    };
    for (const id of [...next.keys()].sort()) {
      const cycle = visit(id, []);
      if (cycle) {
        const collection = ENTITY_ORDER.find((entity) => entity.label === relation.from)!.collection;
        const index = (document[collection] ?? []).findIndex((object) => object.id === id);
        problems.push({
          path: `${collection}[${index}].${relation.document.field}`,
          message: `${relation.type} forms a cycle: ${cycle.join(" → ")}`,
        });
        break;
      }
    }
  }
  return problems;
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
