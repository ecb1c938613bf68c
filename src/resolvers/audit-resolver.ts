import { Arg, Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context/context.js";
import type { AuditEntry } from "../repositories/audit.js";
import { AuditEntryConnection, AuditFilter } from "../schema/audit.js";
import { PageArgs } from "../schema/pagination.js";
import type { Connection } from "../services/paging.js";

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      "The audit trail, newest first: every mutation and import with who, when, which ids, what it changed and how it ended.",
  })
  auditLog(
    @Arg("filter", () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<AuditEntry>> {
    return ctx.audit.page(filter, first, after);
  }
}
