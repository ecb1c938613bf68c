/**
 * How many entities of each kind a generated organisation has. Gaps and KM
 * activities follow the number of projects (3 and 5 per project on average);
 * the generator writes exactly these numbers, so a size is also a contract a
 * benchmark can rely on.
 */
export const SIZE_NAMES = ["XS", "S", "M", "L"] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

export interface SizeSpec {
  readonly orgUnits: number;
  readonly goals: number;
  readonly topics: number;
  readonly people: number;
  readonly projects: number;
  readonly assets: number;
  readonly lessons: number;
  readonly gaps: number;
  readonly activities: number;
}

/** Explicit gaps and KM activities per project, on average. */
export const GAPS_PER_PROJECT = 3;
export const ACTIVITIES_PER_PROJECT = 5;

function size(counts: Omit<SizeSpec, "gaps" | "activities">): SizeSpec {
  return { ...counts, gaps: counts.projects * GAPS_PER_PROJECT, activities: counts.projects * ACTIVITIES_PER_PROJECT };
}

export const SIZES: Readonly<Record<SizeName, SizeSpec>> = {
  XS: size({ orgUnits: 3, goals: 3, topics: 40, people: 60, projects: 8, assets: 150, lessons: 60 }),
  S: size({ orgUnits: 8, goals: 5, topics: 300, people: 1_000, projects: 100, assets: 5_000, lessons: 2_000 }),
  M: size({ orgUnits: 20, goals: 12, topics: 2_000, people: 10_000, projects: 1_000, assets: 50_000, lessons: 20_000 }),
  L: size({
    orgUnits: 60,
    goals: 30,
    topics: 5_000,
    people: 100_000,
    projects: 10_000,
    assets: 500_000,
    lessons: 200_000,
  }),
};

/** The document's lists in the order they are written (the import's order too). */
export const COLLECTIONS = [
  "orgUnits",
  "goals",
  "topics",
  "people",
  "projects",
  "assets",
  "lessons",
  "gaps",
  "activities",
] as const satisfies readonly (keyof SizeSpec)[];
export type Collection = (typeof COLLECTIONS)[number];

export function totalEntities(spec: SizeSpec): number {
  return COLLECTIONS.reduce((sum, collection) => sum + spec[collection], 0);
}

export function isSizeName(value: string): value is SizeName {
  return (SIZE_NAMES as readonly string[]).includes(value);
}
