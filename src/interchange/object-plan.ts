import type { z } from "zod";
import type { Problem } from "../errors.js";
import type { EntitySpec } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { dateRangeProblems, defined, formatPath, problemsOf } from "../services/validation.js";
import { entitySchema, ownedRelations } from "./document-schema.js";

/** A node to upsert: every property of its label, null where the document has none. */
export interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}

/** One entry of a relationship field: the id at the other end and the relationship's properties. */
export interface LinkEntry {
  other: string;
  props: Record<string, unknown>;
  /** Where the entry's reference sits in the document, for problems. */
  path: string;
}

/**
 * A relationship field the object gives. Absent fields are not listed: they
 * leave the graph's relationships as they are, while `null` or `[]` clear them.
 */
export interface LinkField {
  relation: RelationSpec;
  entries: LinkEntry[];
  path: string;
}

/** One object of the document, checked on its own. */
export interface ObjectPlan {
  node: NodeRow;
  links: LinkField[];
}

const schemas = new Map<EntitySpec, z.ZodType>();

/**
 * Checks one object of a collection and turns it into a node row and its
 * relationship fields. Every problem found in the object alone is pushed with
 * its path; references, duplicates and cycles need the whole document (see
 * `DocumentChecker`). Returns null when the object's structure is wrong.
 */
export function planObject(entity: EntitySpec, raw: unknown, index: number, problems: Problem[]): ObjectPlan | null {
  const at = [entity.collection, index];
  let schema = schemas.get(entity);
  if (!schema) schemas.set(entity, (schema = entitySchema(entity)));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...problemsOf(parsed.error, at));
    return null;
  }
  const object = parsed.data as Record<string, unknown> & { id: string };
  const node = nodeRow(entity, object, at, problems);
  const links: LinkField[] = [];
  for (const relation of ownedRelations(entity)) {
    const value = object[relation.document.field];
    if (value !== undefined) links.push(linkField(relation, value, [...at, relation.document.field], problems));
  }
  return { node, links };
}

function nodeRow(entity: EntitySpec, object: Record<string, unknown> & { id: string }, at: (string | number)[], problems: Problem[]): NodeRow {
  const given = Object.fromEntries(Object.keys(entity.properties.shape).map((key) => [key, object[key] ?? undefined]));
  const result = entity.properties.safeParse({ ...entity.defaults, ...defined(given) });
  if (!result.success) {
    problems.push(...problemsOf(result.error, at));
    return { id: object.id, props: {} };
  }
  problems.push(...dateRangeProblems(result.data, entity.dateRanges, at));
  const props = Object.fromEntries(Object.keys(entity.properties.shape).map((key) => [key, result.data[key] ?? null]));
  return { id: object.id, props };
}

function linkField(relation: RelationSpec, value: unknown, at: (string | number)[], problems: Problem[]): LinkField {
  const ref = relation.document.ref;
  const entries: LinkEntry[] = [];
  const seen = new Set<string>();
  const add = (other: string, props: Record<string, unknown>, path: string) => {
    if (seen.has(other)) problems.push({ path, message: `"${other}" is listed twice` });
    else {
      seen.add(other);
      entries.push({ other, props, path });
    }
  };
  if (typeof value === "string") add(value, {}, formatPath(at));
  if (Array.isArray(value)) {
    value.forEach((item: unknown, position) => {
      if (typeof item === "string") return add(item, {}, formatPath([...at, position]));
      const { [ref!]: other, ...rest } = item as Record<string, unknown>;
      add(String(other), relationshipProps(relation, rest, [...at, position], problems), formatPath([...at, position, ref!]));
    });
  }
  return { relation, entries, path: formatPath(at) };
}

function relationshipProps(
  relation: RelationSpec,
  given: Record<string, unknown>,
  at: (string | number)[],
  problems: Problem[],
): Record<string, unknown> {
  if (!relation.properties) return {};
  const result = relation.properties.safeParse({ ...relation.defaults, ...defined(given) });
  if (!result.success) {
    problems.push(...problemsOf(result.error, at));
    return {};
  }
  problems.push(...dateRangeProblems(result.data, relation.dateRanges, at));
  return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== null && value !== undefined));
}
