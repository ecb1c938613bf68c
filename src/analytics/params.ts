import { z } from "zod";
import { Criticality } from "../model/enums.js";
import { IsoDate, Level } from "../model/values.js";
import { parseOrThrow } from "../validation.js";

/** The tunable constants of every analytic, with the defaults of the model. */
export interface AnalyticsParams {
  /** Date the analysis is made on (`YYYY-MM-DD`): current team, load, recency, gap age. */
  readonly asOf: string;
  /** Level from which a person counts as an expert on a topic. */
  readonly expertLevel: number;
  /** Factor applied per taxonomy hop when knowledge of a narrower topic counts for a broader one. */
  readonly taxonomyDecay: number;
  /** How many taxonomy hops down taxonomy credit reaches (0 to 5). */
  readonly maxTaxonomyHops: number;
  /** Age after which an asset is stale and evidence is worth half (months). */
  readonly stalenessMonths: number;
}

export const MAX_TAXONOMY_HOPS = 5;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function defaultParams(asOf: string = today()): AnalyticsParams {
  return { asOf, expertLevel: 4, taxonomyDecay: 0.5, maxTaxonomyHops: 2, stalenessMonths: 24 };
}

/** Criticality weights: LOW 1, MEDIUM 2, HIGH 3, CRITICAL 5. */
export const CRITICALITY_WEIGHT: Readonly<Record<Criticality, number>> = {
  [Criticality.LOW]: 1,
  [Criticality.MEDIUM]: 2,
  [Criticality.HIGH]: 3,
  [Criticality.CRITICAL]: 5,
};

/** Whole months from `from` to `to` (ISO dates), fractional by days; negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  return daysBetween(from, to) / (365.25 / 12);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const ParamsSchema = z.strictObject({
  asOf: IsoDate,
  expertLevel: Level,
  taxonomyDecay: z.number().gt(0).max(1),
  maxTaxonomyHops: z.number().int().min(0).max(MAX_TAXONOMY_HOPS),
  stalenessMonths: z.number().gt(0).max(1200),
});

/** The names of the parameters, as GraphQL arguments give them (AnalyticsArgs). */
export const PARAMETER_NAMES = ParamsSchema.keyof().options satisfies readonly (keyof AnalyticsParams)[];

/** The defaults overridden by what the caller gave; BAD_USER_INPUT when out of range. */
export function analyticsParams(given: Partial<AnalyticsParams> = {}): AnalyticsParams {
  const defined = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined && value !== null),
  );
  return parseOrThrow(ParamsSchema, { ...defaultParams(), ...defined }, "analytics parameters");
}

/**
 * Weight of evidence by its age: 0.5^(months from `date` to asOf / stalenessMonths),
 * so evidence is worth half at the staleness age; 0.5 when the date is unknown,
 * and never above 1 for a date after asOf.
 */
export function recency(date: string | null, params: AnalyticsParams): number {
  if (!date) return 0.5;
  return 0.5 ** (Math.max(0, monthsBetween(date, params.asOf)) / params.stalenessMonths);
}
