import { z } from "zod";
import { ENTITY_ORDER, type EntitySpec } from "../model/entities.js";
import { RELATION_LIST, type RelationSpec } from "../model/relations.js";
import { Id } from "../model/values.js";

/**
 * The relations an entity carries in the document, e.g. a project's `needs`,
 * `team`, `used`… (each relation is written on exactly one of its ends).
 */
export function ownedRelations(entity: EntitySpec): RelationSpec[] {
  return RELATION_LIST.filter(
    (relation) => (relation.document.owner === "from" ? relation.from : relation.to) === entity.label,
  );
}

/** The label at the other end of a relation, seen from its owner. */
export function otherEnd(relation: RelationSpec) {
  return relation.document.owner === "from" ? relation.to : relation.from;
}

function relationField(relation: RelationSpec): z.ZodType {
  if (relation.properties) {
    const entry = z.strictObject({ [relation.document.ref!]: Id, ...relation.properties.partial().shape });
    return z.array(entry).nullish();
  }
  return relation.single ? Id.nullish() : z.array(Id).nullish();
}

/** The structure of one object of an entity's collection. */
export function entitySchema(entity: EntitySpec): z.ZodObject {
  const shape: Record<string, z.ZodType> = { id: Id, ...entity.properties.partial().shape };
  for (const relation of ownedRelations(entity)) shape[relation.document.field] = relationField(relation);
  return z.strictObject(shape);
}

/**
 * The structure of the interchange document. Properties are checked for type
 * and range here; required ones, defaults, references and duplicates are
 * checked afterwards with the whole document in view.
 */
export const DocumentSchema = z.strictObject(
  Object.fromEntries(ENTITY_ORDER.map((entity) => [entity.collection, z.array(entitySchema(entity)).optional()])),
);

export type DocumentObject = Record<string, unknown> & { id: string };
export type InterchangeDocument = Partial<Record<string, DocumentObject[]>>;
