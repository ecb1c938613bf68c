import { type AnalyticsParams, analyticsParams } from "../analytics/params.js";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import { orphanedAssets, staleAssets } from "./assets.js";
import { inventory } from "./inventory.js";
import type {
  GoalTopicsRow,
  InventoryProjection,
  OrphanedAssetRow,
  StaleAssetRow,
  StuckLessonRow,
} from "./projections.js";
import { stuckLessons } from "./stuck-lessons.js";
import { thinSupply } from "./thin-supply.js";
import type { StrategyReview } from "./types.js";

/**
 * The strategy review of docs/review.md. Each section reads one set-based
 * projection (cypher/review) and is computed by a pure function of this
 * folder. The GraphQL resolver, the CLI and the tests all call `review`.
 */
export class ReviewService {
  constructor(private readonly db: Database) {}

  /** The review at the given parameters (defaults of the model otherwise); BAD_USER_INPUT when out of range. */
  async review(given: Partial<AnalyticsParams> = {}): Promise<StrategyReview> {
    const params = analyticsParams(given);
    const { asOf, stalenessMonths, expertLevel } = params;
    const [[projection], stale, orphaned, critical, stuck] = await Promise.all([
      this.db.readRows<InventoryProjection>(cypherFile("review/inventory"), {}),
      this.db.readRows<StaleAssetRow>(cypherFile("review/stale-assets"), { asOf, stalenessMonths }),
      this.db.readRows<OrphanedAssetRow>(cypherFile("review/orphaned-assets"), {}),
      this.db.readRows<GoalTopicsRow>(cypherFile("review/critical-topics"), { asOf, stalenessMonths, expertLevel }),
      this.db.readRows<StuckLessonRow>(cypherFile("review/stuck-lessons"), {}),
    ]);
    return {
      asOf,
      stalenessMonths,
      expertLevel,
      inventory: inventory(projection!),
      staleAssets: staleAssets(stale, params),
      orphanedAssets: orphanedAssets(orphaned),
      thinSupply: thinSupply(critical),
      stuckLessons: stuckLessons(stuck, params),
    };
  }
}
