import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context/context.js";
import { StrategyReview, StrategyReviewArgs } from "../schema/review.js";

@Resolver()
export class ReviewResolver {
  @Query(() => StrategyReview, {
    description:
      "Strategy review of the organisation's knowledge assets: inventory, stale and orphaned assets, " +
      "topics critical to goals with thin supply, lessons stuck at IDENTIFIED.",
  })
  strategyReview(
    @Args(() => StrategyReviewArgs) args: StrategyReviewArgs,
    @Ctx() ctx: Context,
  ): Promise<StrategyReview> {
    return ctx.review.review({ asOf: args.asOf, stalenessMonths: args.stalenessMonths, expertLevel: args.expertLevel });
  }
}
