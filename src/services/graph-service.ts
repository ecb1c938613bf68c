import { Neo4jError } from "neo4j-driver";
import type { Database, WriteTransaction } from "../db/database.js";
import type { NodeRecord } from "../db/records.js";
import { toNeo4jProperties } from "../db/values.js";
import { AppError, badInput, conflict, notFound } from "../errors.js";
import { ENTITY_ORDER, type EntitySpec } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { Id } from "../model/values.js";
import * as writes from "../repositories/writes.js";
import { dateRangeProblems, defined, describe, parseOrThrow } from "../validation.js";

export interface DeleteResult {
  id: string;
  detached: writes.Detached[];
}

export interface RelationshipChange {
  type: string;
  from: string;
  to: string;
  changed: boolean;
  replaced: string[];
}

/**
 * Create, update and delete of nodes, link and unlink of relationships. Each
 * call validates its whole input first, then runs in one write transaction,
 * so a rejected call leaves the graph exactly as it was.
 */
export class GraphService {
  constructor(private readonly db: Database) {}

  async create(spec: EntitySpec, input: Readonly<Record<string, unknown>>): Promise<NodeRecord> {
    const { id, ...rest } = input;
    const validId = parseOrThrow(Id, id, `${spec.label} id`);
    const props = parseOrThrow(spec.properties, { ...spec.defaults, ...given(rest, spec.defaults) }, spec.label);
    throwOnProblems(dateRangeProblems(props, spec.dateRanges), spec.label);
    return this.write((tx) => writes.createNode(tx, spec.label, validId, toNeo4jProperties(props, spec)), props);
  }

  async update(spec: EntitySpec, id: string, patch: Readonly<Record<string, unknown>>): Promise<NodeRecord> {
    const props = parseOrThrow(spec.properties.partial(), defined(patch), spec.label);
    return this.write(async (tx) => {
      const node = await writes.updateNode(tx, spec.label, id, toNeo4jProperties(props, spec));
      if (!node) throw notFound(spec.label, id);
      // The range may span a stored value and a new one: check the result, and
      // throwing here rolls the transaction back.
      throwOnProblems(dateRangeProblems(node, spec.dateRanges), spec.label);
      return node;
    }, props);
  }

  async delete(spec: EntitySpec, id: string): Promise<DeleteResult> {
    return this.write(async (tx) => {
      const detached = await writes.deleteNode(tx, spec.label, id);
      if (!detached) throw notFound(spec.label, id);
      return { id, detached };
    });
  }

  async link(
    relation: RelationSpec,
    from: string,
    to: string,
    properties: Readonly<Record<string, unknown>> | null = null,
  ): Promise<RelationshipChange> {
    const props = this.relationshipProperties(relation, properties);
    return this.write(async (tx) => {
      await this.requireEndpoints(tx, relation, from, to);
      // Without these locks two concurrent links could each find no previous
      // edge (a person in two units) or each find no cycle (and close one together).
      if (relation.acyclic) await writes.lockGraph(tx, relation.type);
      if (relation.single === "from") await writes.lockNode(tx, relation.from, from);
      if (relation.single === "to") await writes.lockNode(tx, relation.to, to);
      const { created, replaced } = await writes.link(tx, relation, from, to, props);
      if (relation.acyclic) {
        const cycle = await writes.findCycle(tx, relation, from);
        if (cycle) {
          throw badInput(`${relation.type} would form a cycle: ${cycle.join(" → ")}`, [
            { path: relation.toArg, message: "would form a cycle" },
          ]);
        }
      }
      return { type: relation.type, from, to, changed: created, replaced };
    });
  }

  async unlink(relation: RelationSpec, from: string, to: string): Promise<RelationshipChange> {
    return this.write(async (tx) => {
      await this.requireEndpoints(tx, relation, from, to);
      const removed = await writes.unlink(tx, relation, from, to);
      return { type: relation.type, from, to, changed: removed, replaced: [] };
    });
  }

  private relationshipProperties(
    relation: RelationSpec,
    properties: Readonly<Record<string, unknown>> | null,
  ): Record<string, unknown> {
    if (!relation.properties) {
      if (properties && Object.keys(defined(properties)).length > 0) {
        throw badInput(`${relation.type} has no properties`, [{ path: "properties", message: "not allowed" }]);
      }
      return {};
    }
    const what = `${relation.type} properties`;
    const props = parseOrThrow(
      relation.properties,
      { ...relation.defaults, ...given(properties ?? {}, relation.defaults ?? {}) },
      what,
    );
    throwOnProblems(dateRangeProblems(props, relation.dateRanges), what);
    return toNeo4jProperties(props, relation);
  }

  private async requireEndpoints(
    tx: WriteTransaction,
    relation: RelationSpec,
    from: string,
    to: string,
  ): Promise<void> {
    const exists = await writes.endpointsExist(tx, relation, from, to);
    if (!exists.from) throw notFound(relation.from, from);
    if (!exists.to) throw notFound(relation.to, to);
  }

  /** `given`: the caller's values, so that a conflict repeats their spelling. */
  private async write<T>(work: (tx: WriteTransaction) => Promise<T>, given?: Record<string, unknown>): Promise<T> {
    try {
      return await this.db.write(work);
    } catch (error) {
      throw translateConstraintError(error, given);
    }
  }
}

/** What the client gave for a new node or relationship: null asks for the default where there is one. */
function given(
  values: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(defined(values)).filter(([key, value]) => !(value === null && key in defaults)),
  );
}

function throwOnProblems(problems: ReturnType<typeof dateRangeProblems>, what: string): void {
  if (problems.length > 0) throw badInput(`invalid ${what}: ${problems.map(describe).join("; ")}`, problems);
}

const UNIQUE_VIOLATION = /label `(\w+)` and property `(\w+)` = (.+)$/;

/** A uniqueness violation becomes CONFLICT naming the value; other errors pass through. */
export function translateConstraintError(error: unknown, given?: Readonly<Record<string, unknown>>): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError && error.code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
    const match = UNIQUE_VIOLATION.exec(error.message);
    if (match) {
      const [, label, property, value] = match;
      const shown = value!.replace(/^'|'$/g, '"');
      // The value is the caller's own (its key, in lower case, when the caller's spelling is not at
      // hand): never another node's spelling.
      const unique = uniquePropertyOf(label!, property!);
      if (unique) {
        const own = typeof given?.[unique] === "string" ? JSON.stringify(given[unique]) : shown;
        return conflict(`a ${label} with ${unique} ${own} (ignoring case) already exists`);
      }
      return conflict(`a ${label} with ${property} ${shown} already exists`);
    }
    return conflict("the change conflicts with a uniqueness rule of the graph (an id, a topic name or an e-mail)");
  }
  return error;
}

/** The unique property whose key property is `property`, if it is one. */
function uniquePropertyOf(label: string, property: string): string | undefined {
  const keys = ENTITY_ORDER.find((entity) => entity.label === label)?.keyProperties ?? {};
  return Object.entries(keys).find(([, key]) => key === property)?.[0];
}
