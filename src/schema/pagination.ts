import { ArgsType, type ClassType, Field, InputType, Int, ObjectType } from "type-graphql";
import {
  type Connection,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Order,
  type PageInfo as PageInfoShape,
} from "../services/paging.js";
import { SortDirection } from "./enums.js";

@ObjectType({ description: "Relay page information." })
export class PageInfo implements PageInfoShape {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** `<Name>Connection` and `<Name>Edge` for a node type, Relay style. */
export function connectionType<T extends object>(Node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => Node) node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} nodes.` })
  class NodeConnection {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: "Number of nodes matching the filter, over all pages." })
    totalCount!: number;
  }
  return NodeConnection;
}

/** `<Name>Order`: the sort of a list; ties always break by id. */
export function orderInput<F extends string>(SortField: object, name: string): ClassType<Order<F>> {
  @InputType(`${name}Order`)
  class NodeOrder {
    @Field(() => SortField) field!: F;
    @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
  }
  return NodeOrder;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor of the edge after which the page starts." })
  after?: string | null;
}
