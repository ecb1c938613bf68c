import DataLoader from "dataloader";
import type { FragmentRunner } from "../db/query-batcher.js";
import type { NodeRecord } from "../db/records.js";
import type { Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import {
  ALL_PROPERTIES,
  answer,
  connection,
  type FilterValues,
  type NestedRead,
  nodesById,
  type Ordering,
  type Page,
  type PageRequest,
  type Projection,
  type RelatedRecord,
  type RelatedShape,
  type RelationshipFilter,
  related,
  type Shape,
  shapeKey,
} from "../nested-read/index.js";

const ALL: RelatedShape = { node: ALL_PROPERTIES, props: "*" };
/** `nodes` and `one` drop the relationship's properties. */
const NO_PROPS: Projection = [];

/**
 * The per-request read API of the resolvers. Every nested field goes through a
 * DataLoader keyed by node id (one per label, one per relationship, direction
 * and filter, and one per shape: the properties the query selects and the
 * relationships it walks below, read in the same statement), and every
 * loader's batch goes through the request's one QueryBatcher, so one level of
 * a GraphQL query is one Cypher statement. A record holds only the properties
 * its shape names: read with ALL_PROPERTIES whenever a caller needs more.
 */
export class Loaders {
  private readonly byKey = new Map<string, DataLoader<string, unknown>>();

  /** `batcher`: the request's QueryBatcher, which sends what the nested-read compiler builds. */
  constructor(private readonly batcher: FragmentRunner) {}

  node(label: Label, shape: Shape = ALL_PROPERTIES): DataLoader<string, NodeRecord | null> {
    return this.loader(`node:${label}:${shapeKey(shape)}`, (ids) => this.send(nodesById(label, ids, shape)));
  }

  /** `first`: the most read per parent (a list field's page); null reads them all. */
  related(
    relation: RelationSpec,
    direction: Direction,
    filter: RelationshipFilter = {},
    shape: RelatedShape = ALL,
    first: number | null = null,
  ): DataLoader<string, RelatedRecord[]> {
    const key =
      `rel:${relation.key}:${direction}:${filter.minLevel ?? ""}:${filter.activeOn ?? ""}:${first ?? ""}` +
      `:${shapeKey(shape.node)}:${keyOf(shape.props)}`;
    return this.loader(key, (ids) => this.send(related(relation, direction, ids, filter, shape, first)));
  }

  /** The nodes at the other end of a relationship, in the loader's order, at most `first` of them. */
  async nodes(
    relation: RelationSpec,
    direction: Direction,
    id: string,
    shape: Shape = ALL_PROPERTIES,
    first: number | null = null,
  ): Promise<NodeRecord[]> {
    const items = await this.related(relation, direction, {}, { node: shape, props: NO_PROPS }, first).load(id);
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
  page(
    label: Label,
    filter: FilterValues,
    ordering: Ordering,
    page: PageRequest,
    shape: Shape = ALL_PROPERTIES,
  ): Promise<Page> {
    return this.send(connection(label, filter, ordering, page, shape));
  }

  private async send<T, Row>(read: NestedRead<T, Row>): Promise<T> {
    return answer(read, await this.batcher.run(read.fragment));
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
  if (key === undefined) {
    key = [...new Set(projection)].sort().join(",");
    keys.set(projection, key);
  }
  return key;
}
