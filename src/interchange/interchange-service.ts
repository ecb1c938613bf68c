import type { Database, Transaction } from "../db/database.js";
import type { Plain } from "../db/values.js";
import { badInput, type Problem } from "../errors.js";
import { ENTITY_ORDER, type Label } from "../model/entities.js";
import { lockGraph } from "../repositories/writes.js";
import { translateConstraintError } from "../services/graph-service.js";
import { describe } from "../validation.js";
import type { InterchangeDocument } from "./document-schema.js";
import { ownedRelations } from "./document-schema.js";
import * as io from "./graph-io.js";
import { planImport } from "./plan.js";

export interface NodeImportCount {
  label: Label;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface RelationshipImportCount {
  type: string;
  relation: string;
  total: number;
  created: number;
  removed: number;
}

export interface ImportSummary {
  nodes: NodeImportCount[];
  relationships: RelationshipImportCount[];
}

export type Progress = (message: string) => void;

/**
 * Import and export of the interchange document (MODEL.md). An import is
 * validated whole before anything is written and runs in one transaction:
 * it lands completely or not at all.
 */
export class InterchangeService {
  constructor(private readonly db: Database) {}

  async import(document: unknown, progress: Progress = () => {}): Promise<ImportSummary> {
    const { plan, problems } = planImport(document);
    try {
      return await this.db.write(async (tx) => {
        // Checked inside the write transaction, so the nodes cannot vanish before the write.
        const all = [...problems, ...(await io.unknownReferences(tx, plan.external))];
        if (all.length > 0) throw invalidDocument(all);
        progress(`document valid: ${plan.nodes.reduce((sum, n) => sum + n.rows.length, 0)} nodes`);
        const nodes: NodeImportCount[] = [];
        for (const { entity, rows } of plan.nodes) {
          const counts = await io.upsertNodes(tx, entity, rows);
          nodes.push({
            label: entity.label,
            total: rows.length,
            ...counts,
            unchanged: rows.length - counts.created - counts.updated,
          });
          if (rows.length > 0) progress(`${entity.label}: ${rows.length}`);
        }
        const relationships: RelationshipImportCount[] = [];
        for (const relationPlan of plan.relations) {
          if (relationPlan.relation.acyclic && relationPlan.rows.length > 0)
            await lockGraph(tx, relationPlan.relation.type);
          const counts = await io.syncRelation(tx, relationPlan);
          const { relation } = relationPlan;
          relationships.push({
            type: relation.type,
            relation: relation.key,
            total: relationPlan.rows.length,
            ...counts,
          });
          if (relation.acyclic && relationPlan.rows.length > 0) {
            const onCycle = await io.nodesOnCycles(tx, relation);
            if (onCycle.length > 0) {
              throw invalidDocument([
                {
                  path: relation.document.field,
                  message: `${relation.type} would form a cycle through ${onCycle.join(", ")}`,
                },
              ]);
            }
          }
        }
        progress("import committed");
        return { nodes, relationships };
      });
    } catch (error) {
      throw translateConstraintError(error);
    }
  }

  /** The whole graph as an interchange document, every list ordered by id. */
  async export(): Promise<InterchangeDocument> {
    // One read transaction: a write in between cannot leave a reference dangling.
    return this.db.readTransaction((tx) => exportGraph(tx));
  }
}

/** Every node and relationship of the model, as the interchange document lays them out. */
async function exportGraph(tx: Transaction): Promise<InterchangeDocument> {
  const document: InterchangeDocument = {};
  for (const entity of ENTITY_ORDER) {
    const objects = new Map<string, Record<string, Plain>>();
    for (const row of await io.readNodes(tx, entity.label)) {
      const node = row.node as Record<string, Plain>;
      const object: Record<string, Plain> = { id: node.id! };
      for (const key of Object.keys(entity.properties.shape)) {
        if (node[key] !== undefined && node[key] !== null) object[key] = node[key]!;
      }
      objects.set(String(node.id), object);
    }
    for (const relation of ownedRelations(entity)) {
      const { field, ref } = relation.document;
      for (const row of await io.readRelation(tx, relation)) {
        const object = objects.get(String(row.owner));
        if (!object) continue;
        const other = String(row.other);
        if (relation.single) object[field] = other;
        else {
          const entry: Plain = relation.properties ? { [ref!]: other, ...(row.props as Record<string, Plain>) } : other;
          const list = (object[field] as Plain[] | undefined) ?? [];
          object[field] = list;
          list.push(entry);
        }
      }
    }
    document[entity.collection] = [...objects.values()] as InterchangeDocument[string];
  }
  return document;
}

/** BAD_USER_INPUT listing the problems; `total` counts those not kept too. */
export function invalidDocument(problems: readonly Problem[], total = problems.length) {
  const shown = problems.slice(0, 10).map(describe).join("; ");
  const more = total > 10 ? ` (and ${total - 10} more)` : "";
  return badInput(`the document has ${total} problem${total === 1 ? "" : "s"}: ${shown}${more}`, problems);
}
