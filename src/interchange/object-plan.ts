import type { z } from "zod";
import type { Problem } from "../errors.js";
import type { EntitySpec } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { dateRangeProblems, defined, formatPath, problemsOf } from "../validation.js";
import { entitySchema, ownedRelations } from "./document-schema.js";

/** A node to upsert: every property of its label, null where the document has none. */
export interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}

/** Where a value sits in the document, as segments (`["projects", 3, "needs", 0, "topic"]`); formatted only for a problem. */
export type DocumentPath = readonly (string | number)[];

/** One entry of a relationship field: the id at the other end and the relationship's properties. */
export interface LinkEntry {
  other: string;
  props: Record<string, unknown>;
  /** Where the entry's reference sits in the document, for problems. */
  path: DocumentPath;
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
  if (!schema) {
    schema = entitySchema(entity);
    schemas.set(entity, schema);
  }
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

function nodeRow(
  entity: EntitySpec,
  object: Record<string, unknown> & { id: string },
  at: (string | number)[],
  problems: Problem[],
): NodeRow {
  const props = checkedProperties(entity, object, at, problems);
  return { id: object.id, props: props ?? {} };
}

/** The complete properties of a node or relationship, or null with the problems pushed. */
function checkedProperties(
  spec: Pick<EntitySpec, "properties" | "defaults" | "dateRanges">,
  given: Readonly<Record<string, unknown>>,
  at: (string | number)[],
  problems: Problem[],
): Record<string, unknown> | null {
  const props = completed(spec.properties, spec.defaults, given);
  if (props) {
    problems.push(...dateRangeProblems(props, spec.dateRanges, at));
    return props;
  }
  // Something required is missing: the full schema says what, with zod's messages.
  const values = Object.fromEntries(Object.keys(spec.properties.shape).map((key) => [key, given[key] ?? undefined]));
  const result = spec.properties.safeParse({ ...spec.defaults, ...defined(values) });
  if (!result.success) problems.push(...problemsOf(result.error, at));
  else problems.push({ path: formatPath(at), message: "a required property is missing" });
  return null;
}

/**
 * Every property of `schema`: the given value, else the default, else null;
 * undefined when a required one has neither. The values were checked by the
 * object's schema already (entitySchema, every property optional), so only
 * presence is left to check: parsing each object a second time was a third
 * of the cost of validating a large document.
 */
function completed(
  schema: z.ZodObject,
  defaults: Readonly<Record<string, unknown>> | undefined,
  given: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const props: Record<string, unknown> = {};
  for (const { key, required } of keysOf(schema)) {
    // null in the document means "no value", as when the field is left out.
    const value = given[key] ?? defaults?.[key];
    if (value === undefined && required) return undefined;
    props[key] = value ?? null;
  }
  return props;
}

const schemaKeys = new WeakMap<z.ZodObject, { key: string; required: boolean }[]>();

function keysOf(schema: z.ZodObject): { key: string; required: boolean }[] {
  let keys = schemaKeys.get(schema);
  if (!keys) {
    const shape = schema.shape as Record<string, z.ZodType>;
    keys = Object.keys(shape).map((key) => ({ key, required: !shape[key]!.safeParse(undefined).success }));
    schemaKeys.set(schema, keys);
  }
  return keys;
}

function linkField(relation: RelationSpec, value: unknown, at: (string | number)[], problems: Problem[]): LinkField {
  const ref = relation.document.ref;
  const entries: LinkEntry[] = [];
  const seen = new Set<string>();
  const add = (other: string, props: Record<string, unknown>, path: DocumentPath) => {
    if (seen.has(other)) problems.push({ path: formatPath(path), message: `"${other}" is listed twice` });
    else {
      seen.add(other);
      entries.push({ other, props, path });
    }
  };
  if (typeof value === "string") add(value, {}, at);
  if (Array.isArray(value)) {
    value.forEach((item: unknown, position) => {
      if (typeof item === "string") {
        add(item, {}, [...at, position]);
        return;
      }
      const { [ref!]: other, ...rest } = item as Record<string, unknown>;
      add(String(other), relationshipProps(relation, rest, [...at, position], problems), [...at, position, ref!]);
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
  const props = checkedProperties(
    { properties: relation.properties, defaults: relation.defaults ?? {}, dateRanges: relation.dateRanges },
    given,
    at,
    problems,
  );
  return props ? Object.fromEntries(Object.entries(props).filter(([, value]) => value !== null)) : {};
}
