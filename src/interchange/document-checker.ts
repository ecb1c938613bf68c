import type { Problem } from "../errors.js";
import { ENTITY_ORDER, type EntitySpec, type Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { illFormedStrings, uniqueKey } from "../validation.js";
import { otherEnd } from "./document-schema.js";
import { type DocumentPath, type ObjectPlan, planObject } from "./object-plan.js";

/** A reference to an id the document does not define: it must name a node already in the graph. */
export interface ExternalReference {
  label: Label;
  id: string;
  path: DocumentPath;
}

/** The object that gives a unique value, and the value as it wrote it. */
export interface UniqueHolder {
  id: string;
  index: number;
  value: string;
}

/** The edges of an acyclic relation (the taxonomy), by owner id. */
type Edges = Map<string, string[]>;

/** Problems beyond this many are counted, not kept: a broken large file should not exhaust memory. */
const KEPT_PROBLEMS = 1000;

const BY_COLLECTION = new Map(ENTITY_ORDER.map((entity) => [entity.collection, entity]));

/**
 * Checks an interchange document object by object, in one pass, and keeps only
 * what the whole-document rules need: the ids per label, the unique values,
 * the references not yet resolved and the edges of acyclic relations. The
 * in-memory import and the streaming bulk import both validate through it, so
 * a document is accepted or rejected the same way whatever its size.
 */
export class DocumentChecker {
  private readonly kept: Problem[] = [];
  private total = 0;
  private readonly ids = new Map<Label, Set<string>>(ENTITY_ORDER.map((entity) => [entity.label, new Set()]));
  /** Values of unique properties (topic name, e-mail) by their key (any case), each with the object that holds it. */
  private readonly unique = new Map<EntitySpec, Map<string, Map<string, UniqueHolder>>>(
    ENTITY_ORDER.filter((entity) => entity.unique).map((entity) => [
      entity,
      new Map(entity.unique!.map((property) => [property, new Map()])),
    ]),
  );
  private readonly pending: ExternalReference[] = [];
  private readonly unknownFields = new Set<string>();
  private readonly acyclic = new Map<RelationSpec, { edges: Edges; index: Map<string, number> }>();
  nodeCount = 0;
  relationshipCount = 0;

  get problems(): readonly Problem[] {
    return this.kept;
  }

  /** Every problem found, including those not kept. */
  get problemCount(): number {
    return this.total;
  }

  report(...problems: Problem[]): void {
    for (const problem of problems) {
      this.total++;
      if (this.kept.length < KEPT_PROBLEMS) this.kept.push(problem);
    }
  }

  /**
   * The entity of a top-level field, or null when the field is not a
   * collection; an unknown field is reported once, however many objects it holds.
   */
  entityOf(key: string): EntitySpec | null {
    const entity = BY_COLLECTION.get(key);
    if (!entity && !this.unknownFields.has(key)) {
      this.unknownFields.add(key);
      this.report({ path: "", message: `unknown field ${key}` });
    }
    return entity ?? null;
  }

  /** Ids defined so far for a label. */
  defined(label: Label): ReadonlySet<string> {
    return this.ids.get(label)!;
  }

  /** Checks one object; its plan, or null when its structure is wrong. */
  add(entity: EntitySpec, index: number, raw: unknown): ObjectPlan | null {
    const problems: Problem[] = illFormedStrings(raw, [entity.collection, index]);
    const plan = planObject(entity, raw, index, problems);
    this.report(...problems);
    const id = plan?.node.id ?? idOf(raw);
    // An object with a bad field still defines its id, so references to it are not reported as unknown too.
    if (id !== undefined) this.define(entity, index, id);
    if (!plan) return null;
    this.nodeCount++;
    this.checkUnique(entity, index, plan);
    for (const { relation, entries } of plan.links) {
      const target = otherEnd(relation);
      const ids = this.ids.get(target)!;
      for (const entry of entries) {
        if (!ids.has(entry.other)) this.pending.push({ label: target, id: entry.other, path: entry.path });
      }
      this.relationshipCount += entries.length;
      if (relation.acyclic)
        this.addEdges(
          relation,
          plan.node.id,
          index,
          entries.map((entry) => entry.other),
        );
    }
    return plan;
  }

  /**
   * The references to ids the document does not define, once every object is
   * added; cycles within the document are reported as problems. `existing`
   * holds the graph's edges of acyclic relations, for a check against the
   * taxonomy already stored (an owner's edges in the document replace its own).
   */
  finish(existing: ReadonlyMap<RelationSpec, readonly (readonly [string, string])[]> = new Map()): ExternalReference[] {
    const external = this.pending.filter((ref) => !this.ids.get(ref.label)!.has(ref.id));
    for (const [relation, { edges, index }] of this.acyclic) {
      const combined: Edges = new Map(edges);
      for (const [from, to] of existing.get(relation) ?? []) {
        if (!edges.has(from)) combined.set(from, [...(combined.get(from) ?? []), to]);
      }
      const cycle = findCycle(combined);
      if (cycle) {
        const owner = cycle.find((id) => index.has(id)) ?? cycle[0]!;
        const collection = ENTITY_ORDER.find((entity) => entity.label === relation.from)!.collection;
        this.report({
          path: `${collection}[${index.get(owner) ?? -1}].${relation.document.field}`,
          message: `${relation.type} forms a cycle: ${rotate(cycle, owner).join(" → ")}`,
        });
      }
    }
    return external;
  }

  /** The unique values the document gives, per entity and property. */
  *uniqueValues(): Generator<{
    entity: EntitySpec;
    property: string;
    /** By key (validation.ts `uniqueKey`). */
    values: ReadonlyMap<string, UniqueHolder>;
  }> {
    for (const [entity, properties] of this.unique) {
      for (const [property, values] of properties) yield { entity, property, values };
    }
  }

  private define(entity: EntitySpec, index: number, id: string): void {
    const ids = this.ids.get(entity.label)!;
    if (ids.has(id)) this.report({ path: `${entity.collection}[${index}].id`, message: `duplicate id "${id}"` });
    ids.add(id);
  }

  /** Topic names and e-mail addresses are unique in the graph, so in the document too. */
  private checkUnique(entity: EntitySpec, index: number, plan: ObjectPlan): void {
    for (const [property, first] of this.unique.get(entity) ?? []) {
      const value = plan.node.props[property];
      if (typeof value !== "string") continue;
      const key = uniqueKey(value);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, { id: plan.node.id, index, value });
      else {
        const collection = entity.collection;
        this.report({
          path: `${collection}[${index}].${property}`,
          message: `"${String(value)}" is already used by ${collection}[${earlier.index}]`,
        });
      }
    }
  }

  private addEdges(relation: RelationSpec, owner: string, index: number, to: string[]): void {
    let state = this.acyclic.get(relation);
    if (!state) {
      state = { edges: new Map(), index: new Map() };
      this.acyclic.set(relation, state);
    }
    state.edges.set(owner, to);
    state.index.set(owner, index);
  }
}

function idOf(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" && id.length > 0 ? id : undefined;
}

/** A cycle as a closed walk (first id repeated at the end), searched from the smallest id; null if none. */
function findCycle(edges: Edges): string[] | null {
  const state = new Map<string, "open" | "done">();
  // Iterative depth-first search: a deep taxonomy must not overflow the stack.
  for (const start of [...edges.keys()].sort()) {
    if (state.has(start)) continue;
    const trail: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, "open");
    trail.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = edges.get(top.id) ?? [];
      if (top.next < targets.length) {
        const to = targets[top.next++]!;
        if (state.get(to) === "open") return [...trail.slice(trail.indexOf(to)), to];
        if (!state.has(to)) {
          state.set(to, "open");
          trail.push(to);
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(top.id, "done");
        trail.pop();
        stack.pop();
      }
    }
  }
  return null;
}

/** The closed walk started at `owner`, so the message begins where the problem is reported. */
function rotate(cycle: string[], owner: string): string[] {
  const open = cycle.slice(0, -1);
  const at = open.indexOf(owner);
  const turned = [...open.slice(at), ...open.slice(0, at)];
  return [...turned, turned[0]!];
}
