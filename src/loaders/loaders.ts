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
  type Ordering,
  type PageRequest,
  type RelatedShape,
  related,
} from "../repositories/reads.js";
import type { NodeRecord } from "../repositories/records.js";
import {
  ALL_PROPERTIES,
  hydrate,
  type Projection,
  type RelationshipFilter,
  type Shape,
  shapeKey,
} from "../repositories/shape.js";

/** One relationship walked from a node: the node at the other end and the relationship's properties. */
export interface RelatedRecord {
  readonly node: NodeRecord;
  readonly props: Readonly<Record<string, Plain>>;
}

const ALL: RelatedShape = { node: ALL_PROPERTIES, props: "*" };
/** `nodes` and `one` drop the relationship's properties. */
const NO_PROPS: Projection = [];

export interface Page {
  readonly total: number;
  readonly nodes: readonly NodeRecord[];
}

/**
 * The per-request read API of the resolvers. Every nested field goes through a
 * DataLoader keyed by node id (one per label, one per relationship, direction
 * and filter, and one per shape: the properties the query selects and the
 * relationships it walks below, read in the same statement), and every
 * loader's batch goes through one QueryBatcher, so one level of a GraphQL
 * query is one Cypher statement. A record holds only the properties its shape
 * names: read with ALL_PROPERTIES whenever a caller needs more.
 */
export class Loaders {
  private readonly batcher: QueryBatcher;
  private readonly byKey = new Map<string, DataLoader<string, unknown>>();

  constructor(db: Database) {
    this.batcher = new QueryBatcher(db);
  }

  node(label: Label, shape: Shape = ALL_PROPERTIES): DataLoader<string, NodeRecord | null> {
    return this.loader(`node:${label}:${shapeKey(shape)}`, async (ids) => {
      const rows = (await this.batcher.run(nodesById(label, ids, shape))) as unknown as {
        key: string;
        node: unknown;
      }[];
      const found = new Map(rows.map((row) => [row.key, hydrate(shape, row.node) as NodeRecord]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  related(
    relation: RelationSpec,
    direction: Direction,
    filter: RelationshipFilter = {},
    shape: RelatedShape = ALL,
  ): DataLoader<string, RelatedRecord[]> {
    const key =
      `rel:${relation.key}:${direction}:${filter.minLevel ?? ""}:${filter.activeOn ?? ""}` +
      `:${shapeKey(shape.node)}:${keyOf(shape.props)}`;
    return this.loader(key, async (ids) => {
      const rows = (await this.batcher.run(related(relation, direction, ids, filter, shape))) as unknown as {
        key: string;
        items: { node: unknown; props: RelatedRecord["props"] }[];
      }[];
      const found = new Map(
        rows.map((row) => [
          row.key,
          row.items.map((item) => ({ node: hydrate(shape.node, item.node) as NodeRecord, props: item.props })),
        ]),
      );
      return ids.map((id) => found.get(id) ?? []);
    });
  }

  /** The nodes at the other end of a relationship, in the loader's order. */
  async nodes(
    relation: RelationSpec,
    direction: Direction,
    id: string,
    shape: Shape = ALL_PROPERTIES,
  ): Promise<NodeRecord[]> {
    const items = await this.related(relation, direction, {}, { node: shape, props: NO_PROPS }).load(id);
    return items.map((item) => item.node);
  }

  /** The single node at the other end of a to-one relationship, or null. */
  async one(
    relation: RelationSpec,
    direction: Direction,
    id: string,
    shape: Shape = ALL_PROPERTIES,
  ): Promise<NodeRecord | null> {
    return (await this.related(relation, direction, {}, { node: shape, props: NO_PROPS }).load(id))[0]?.node ?? null;
  }

  /** A filtered, sorted page of one label; joins the current round trip like the loaders. */
  async page(
    label: Label,
    filter: FilterValues,
    ordering: Ordering,
    page: PageRequest,
    shape: Shape = ALL_PROPERTIES,
  ): Promise<Page> {
    const [row] = (await this.batcher.run(connection(label, filter, ordering, page, shape))) as unknown as {
      total: number;
      nodes: unknown[];
    }[];
    return { total: row?.total ?? 0, nodes: (row?.nodes ?? []).map((node) => hydrate(shape, node) as NodeRecord) };
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

/** Relationship projections with the same names share a loader whatever their order; worked out once per projection. */
function keyOf(projection: Projection): string {
  if (projection === "*") return "*";
  let key = keys.get(projection);
  if (key === undefined) keys.set(projection, (key = [...new Set(projection)].sort().join(",")));
  return key;
}
