import DataLoader from "dataloader";
import type { Database } from "../db/database.js";
import { QueryBatcher } from "../db/query-batcher.js";
import type { Plain } from "../db/values.js";
import type { Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import type { FilterValues } from "../repositories/filters.js";
import {
  connection,
  nodesById,
  related,
  type Ordering,
  type PageRequest,
  type Projection,
  type RelationshipFilter,
} from "../repositories/reads.js";

/** A node's properties as read from the graph. */
export type NodeRecord = { readonly id: string } & Readonly<Record<string, Plain>>;

/** One relationship walked from a node: the node at the other end and the relationship's properties. */
export interface RelatedRecord {
  readonly node: NodeRecord;
  readonly props: Readonly<Record<string, Plain>>;
}

/** What a walk returns of the nodes at the other end and of the relationships. */
export interface RelatedProjection {
  readonly node: Projection;
  readonly props: Projection;
}

const ALL: RelatedProjection = { node: "*", props: "*" };
/** `nodes` and `one` drop the relationship: one constant, so that its loader key is worked out once. */
const NO_PROPS: Projection = [];

export interface Page {
  readonly total: number;
  readonly nodes: readonly NodeRecord[];
}

/**
 * The per-request read API of the resolvers. Every nested field goes through a
 * DataLoader keyed by node id (one per label, one per relationship, direction
 * and filter, and one per projection: the properties the query selects), and
 * every loader's batch goes through one QueryBatcher, so one level of a
 * GraphQL query is one Cypher statement. A record holds only the properties
 * its projection names: read with "*" whenever a caller needs more.
 */
export class Loaders {
  private readonly batcher: QueryBatcher;
  private readonly byKey = new Map<string, DataLoader<string, unknown>>();

  constructor(db: Database) {
    this.batcher = new QueryBatcher(db);
  }

  node(label: Label, projection: Projection = "*"): DataLoader<string, NodeRecord | null> {
    return this.loader(`node:${label}:${keyOf(projection)}`, async (ids) => {
      const rows = (await this.batcher.run(nodesById(label, ids, projection))) as unknown as { key: string; node: NodeRecord }[];
      const found = new Map(rows.map((row) => [row.key, row.node]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  related(
    relation: RelationSpec,
    direction: Direction,
    filter: RelationshipFilter = {},
    projection: RelatedProjection = ALL,
  ): DataLoader<string, RelatedRecord[]> {
    const key =
      `rel:${relation.key}:${direction}:${filter.minLevel ?? ""}:${filter.activeOn ?? ""}` +
      `:${keyOf(projection.node)}:${keyOf(projection.props)}`;
    return this.loader(key, async (ids) => {
      const rows = (await this.batcher.run(related(relation, direction, ids, filter, projection))) as unknown as {
        key: string;
        items: RelatedRecord[];
      }[];
      const found = new Map(rows.map((row) => [row.key, row.items]));
      return ids.map((id) => found.get(id) ?? []);
    });
  }

  /** The nodes at the other end of a relationship, in the loader's order. */
  async nodes(relation: RelationSpec, direction: Direction, id: string, projection: Projection = "*"): Promise<NodeRecord[]> {
    const items = await this.related(relation, direction, {}, { node: projection, props: NO_PROPS }).load(id);
    return items.map((item) => item.node);
  }

  /** The single node at the other end of a to-one relationship, or null. */
  async one(relation: RelationSpec, direction: Direction, id: string, projection: Projection = "*"): Promise<NodeRecord | null> {
    return (await this.related(relation, direction, {}, { node: projection, props: NO_PROPS }).load(id))[0]?.node ?? null;
  }

  /** A filtered, sorted page of one label; joins the current round trip like the loaders. */
  async page(
    label: Label,
    filter: FilterValues,
    ordering: Ordering,
    page: PageRequest,
    projection: Projection = "*",
  ): Promise<Page> {
    const [row] = (await this.batcher.run(connection(label, filter, ordering, page, projection))) as unknown as Page[];
    return row ?? { total: 0, nodes: [] };
  }

  private loader<V>(key: string, batch: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.byKey.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch);
      this.byKey.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

const keys = new WeakMap<readonly string[], string>();

/** Projections with the same names share a loader whatever their order; worked out once per projection. */
function keyOf(projection: Projection): string {
  if (projection === "*") return "*";
  let key = keys.get(projection);
  if (key === undefined) keys.set(projection, (key = [...new Set(projection)].sort().join(",")));
  return key;
}
