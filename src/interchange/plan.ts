import type { Problem } from "../errors.js";
import { ENTITY_ORDER, type EntitySpec } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { DocumentChecker, type ExternalReference } from "./document-checker.js";
import { ownedRelations } from "./document-schema.js";
import type { NodeRow, ObjectPlan } from "./object-plan.js";

export type { NodeRow } from "./object-plan.js";

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

/** A checked document, ready to write. */
export interface ImportPlan {
  nodes: { entity: EntitySpec; rows: NodeRow[] }[];
  relations: RelationPlan[];
  /** Ids the document references without defining them: they must exist in the graph. */
  external: ExternalReference[];
}

/**
 * The plan and the problems found in the document alone. The plan is only
 * written when there are no problems, and its references to the graph must
 * still be checked first.
 */
export interface PlanResult {
  plan: ImportPlan;
  problems: Problem[];
}

/** Checks a whole document held in memory and turns it into an import plan. */
export function planImport(input: unknown): PlanResult {
  const checker = new DocumentChecker();
  const objects = new Map<EntitySpec, ObjectPlan[]>();
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    checker.report({ path: "", message: "the document must be an object of collections (see docs/interchange.md)" });
  } else {
    for (const [key, value] of Object.entries(input)) {
      const entity = checker.entityOf(key);
      if (!entity || value === undefined) continue;
      if (!Array.isArray(value)) {
        checker.report({ path: key, message: "must be a list" });
        continue;
      }
      const plans = value.map((raw, index) => checker.add(entity, index, raw)).filter((plan) => plan !== null);
      objects.set(entity, plans);
    }
  }
  const external = checker.finish();
  const plan: ImportPlan = { nodes: [], relations: [], external };
  for (const entity of ENTITY_ORDER) {
    const plans = objects.get(entity) ?? [];
    plan.nodes.push({ entity, rows: plans.map((object) => object.node) });
    for (const relation of ownedRelations(entity)) plan.relations.push(relationPlan(relation, plans));
  }
  return { plan, problems: [...checker.problems] };
}

function relationPlan(relation: RelationSpec, objects: readonly ObjectPlan[]): RelationPlan {
  const plan: RelationPlan = { relation, owners: [], rows: [] };
  const ownerIsFrom = relation.document.owner === "from";
  for (const { node, links } of objects) {
    const field = links.find((link) => link.relation === relation);
    if (!field) continue;
    for (const { other, props } of field.entries) {
      plan.rows.push(ownerIsFrom ? { from: node.id, to: other, props } : { from: other, to: node.id, props });
    }
    plan.owners.push({ id: node.id, keep: field.entries.map((entry) => entry.other) });
  }
  return plan;
}
