import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { type AnalyticsParams, analyticsParams, PARAMETER_NAMES } from "../analytics/params.js";
import { LIST_PAGES, pageSize } from "../config.js";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { badInput } from "../errors.js";
import {
  AnalyticsArgs,
  Bottlenecks,
  GapReport,
  MaturityDistribution,
  NeverReusedLesson,
  Organisation,
  OrganisationCoverage,
  ProjectCoverage,
  ProjectMaturity,
  ReuseCandidate,
  ReuseFlow,
  ReuseFlows,
  TruckFactor,
} from "../schema/analytics.js";
import { OrgUnit } from "../schema/org-unit.js";
import { Project } from "../schema/project.js";
import { selectedArguments, selects } from "./selection.js";

// The analytics where a dashboard expects them. Each field calls one method
// of AnalyticsService; formulas in docs/analytics.md.

/** The fields of Project that read the project's context (coverage, gaps, maturity, reuse paths). */
const CONTEXT_FIELDS = ["coverage", "gaps", "maturity", "reusePaths"] as const;

/**
 * Starts reading the context of the project being fetched by id for each
 * analytic field the query selects on it, at that field's parameters, so the
 * context and the project's nested read run at the same time rather than one
 * after the other. Parameters a field would reject are left to that field.
 */
export function prefetchProjectAnalytics(ctx: Context, info: GraphQLResolveInfo, projectId: string): void {
  for (const name of CONTEXT_FIELDS) {
    for (const args of selectedArguments(info, name)) {
      const given = Object.fromEntries(PARAMETER_NAMES.map((key) => [key, args[key]]));
      let params: AnalyticsParams;
      try {
        params = analyticsParams(given);
      } catch {
        continue;
      }
      ctx.analytics.prefetchProjectContext(projectId, params);
    }
  }
}

@Resolver(() => Project)
export class ProjectAnalyticsResolver {
  @FieldResolver(() => ProjectCoverage, {
    description: "Coverage of the project's needs by its team, the organisation, assets and lessons.",
  })
  coverage(
    @Root() project: NodeRecord,
    @Args(() => AnalyticsArgs) args: AnalyticsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectCoverage> {
    const lists = selects(info, ["needs", "assets"]) || selects(info, ["needs", "lessons"]);
    return ctx.analytics.projectCoverage(project.id, analyticsParams(args), { lists });
  }

  @FieldResolver(() => [GapReport], { description: "Explicit and derived gaps, most severe first." })
  gaps(
    @Root() project: NodeRecord,
    @Args(() => AnalyticsArgs) args: AnalyticsArgs,
    @Arg("first", () => Int, computedPage()) first: number,
    @Ctx() ctx: Context,
  ): Promise<GapReport[]> {
    const size = pageSize("Project.gaps", first);
    return ctx.analytics.projectGaps(project.id, analyticsParams(args)).then((gaps) => gaps.slice(0, size));
  }

  @FieldResolver(() => ProjectMaturity, { description: "KM maturity 1–5 with the criteria met and missing." })
  maturity(
    @Root() project: NodeRecord,
    @Args(() => AnalyticsArgs) args: AnalyticsArgs,
    @Ctx() ctx: Context,
  ): Promise<ProjectMaturity> {
    return ctx.analytics.projectMaturity(project.id, analyticsParams(args));
  }

  @FieldResolver(() => TruckFactor, { description: "Truck factor on the project's own needs." })
  truckFactor(
    @Root() project: NodeRecord,
    @Args(() => AnalyticsArgs) args: AnalyticsArgs,
    @Ctx() ctx: Context,
  ): Promise<TruckFactor> {
    return ctx.analytics.truckFactor({ kind: "project", id: project.id }, analyticsParams(args));
  }

  @FieldResolver(() => [ReuseCandidate], {
    description:
      "Assets, lessons and experts of other projects for a needed topic or a recorded gap (give one), best first.",
  })
  reusePaths(
    @Root() project: NodeRecord,
    @Arg("topic", () => ID, { nullable: true }) topic: string | null,
    @Arg("gap", () => ID, { nullable: true }) gap: string | null,
    @Arg("limit", () => Int, { defaultValue: 5 }) limit: number,
    @Args(() => AnalyticsArgs) args: AnalyticsArgs,
    @Ctx() ctx: Context,
  ): Promise<ReuseCandidate[]> {
    // An argument left out arrives as undefined, one sent as null as null.
    const target = topic != null ? { topic } : gap != null ? { gap } : null;
    if (!target || (topic != null && gap != null)) {
      throw badInput("give either topic or gap", [{ path: "topic", message: "give exactly one of topic and gap" }]);
    }
    return ctx.analytics.reusePaths(project.id, target, limit, analyticsParams(args));
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitAnalyticsResolver {
  @FieldResolver(() => MaturityDistribution, { description: "Maturity levels of the unit's projects." })
  maturity(
    @Root() unit: NodeRecord,
    @Args(() => AnalyticsArgs) args: AnalyticsArgs,
    @Ctx() ctx: Context,
  ): Promise<MaturityDistribution> {
    return ctx.analytics.unitMaturity(unit.id, analyticsParams(args));
  }

  @FieldResolver(() => TruckFactor, { description: "Truck factor on the demand of the unit's active projects." })
  truckFactor(
    @Root() unit: NodeRecord,
    @Args(() => AnalyticsArgs) args: AnalyticsArgs,
    @Ctx() ctx: Context,
  ): Promise<TruckFactor> {
    return ctx.analytics.truckFactor({ kind: "orgUnit", id: unit.id }, analyticsParams(args));
  }
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, {
    description: "Organisation-wide analytics: coverage, gaps, bottlenecks, truck factor, maturity, reuse.",
  })
  organisation(@Args(() => AnalyticsArgs) args: AnalyticsArgs): Organisation {
    return { params: analyticsParams(args) };
  }

  @FieldResolver(() => OrganisationCoverage)
  coverage(
    @Root() org: Organisation,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrganisationCoverage> {
    const lists = selects(info, ["topics", "assets"]) || selects(info, ["topics", "lessons"]);
    return ctx.analytics.organisationCoverage(org.params, { lists });
  }

  @FieldResolver(() => [GapReport], { description: "Gaps of the active projects, most severe first." })
  gaps(
    @Root() org: Organisation,
    @Arg("limit", () => Int, computedPage()) limit: number,
    @Ctx() ctx: Context,
  ): Promise<GapReport[]> {
    const size = pageSize("Organisation.gaps", limit, "limit");
    return ctx.analytics.organisationGaps(org.params).then((gaps) => gaps.slice(0, size));
  }

  @FieldResolver(() => Bottlenecks)
  bottlenecks(@Root() org: Organisation, @Ctx() ctx: Context): Promise<Bottlenecks> {
    return ctx.analytics.bottlenecks(org.params);
  }

  @FieldResolver(() => TruckFactor)
  truckFactor(@Root() org: Organisation, @Ctx() ctx: Context): Promise<TruckFactor> {
    return ctx.analytics.truckFactor({ kind: "organisation" }, org.params);
  }

  @FieldResolver(() => MaturityDistribution)
  maturity(@Root() org: Organisation, @Ctx() ctx: Context): Promise<MaturityDistribution> {
    return ctx.analytics.organisationMaturity(org.params);
  }

  @FieldResolver(() => ReuseFlows, {
    description: "Actual reuse between projects and units, reuse rates, lessons never reused.",
  })
  reuse(@Ctx() ctx: Context): Promise<ReuseFlows> {
    return ctx.analytics.reuseRates();
  }
}

@Resolver(() => ReuseFlows)
export class ReuseFlowsResolver {
  @FieldResolver(() => [ReuseFlow], {
    description: "Project to project: assets and lessons of one that the other reused, by from then to.",
  })
  async projectFlows(
    @Arg("first", () => Int, computedPage()) first: number,
    @Ctx() ctx: Context,
  ): Promise<ReuseFlow[]> {
    const size = pageSize("ReuseFlows.projectFlows", first);
    return (await ctx.analytics.reuseFlowGraph()).projectFlows.slice(0, size);
  }

  @FieldResolver(() => [ReuseFlow], {
    description: "The same between the units that own the projects (a unit to itself included): silos show here.",
  })
  async unitFlows(@Arg("first", () => Int, computedPage()) first: number, @Ctx() ctx: Context): Promise<ReuseFlow[]> {
    const size = pageSize("ReuseFlows.unitFlows", first);
    return (await ctx.analytics.reuseFlowGraph()).unitFlows.slice(0, size);
  }

  @FieldResolver(() => [NeverReusedLesson], {
    description:
      "Lessons no project other than their origin applied, in id order, a page at a time: at scale they are most of the lessons.",
  })
  lessonsNeverReused(
    @Arg("limit", () => Int, { defaultValue: 100, description: "At most this many, 1 to 1000." }) limit: number,
    @Arg("after", () => ID, {
      nullable: true,
      description: "Only lessons whose id comes after this one (the last of the previous page).",
    })
    after: string | null,
    @Arg("neededOnly", () => Boolean, {
      defaultValue: false,
      description: "Only lessons that an active project other than their origin needs.",
    })
    neededOnly: boolean,
    @Ctx() ctx: Context,
  ): Promise<NeverReusedLesson[]> {
    return ctx.analytics.lessonsNeverReused({ limit, after, neededOnly });
  }
}

/** The page argument of a computed list: LIST_PAGES.computed's default, and its range in the description. */
function computedPage(): { defaultValue: number; description: string } {
  const { default: size, max } = LIST_PAGES.computed;
  return { defaultValue: size, description: `The most to return, 0 to ${max} (default ${size}).` };
}
