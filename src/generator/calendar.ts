/**
 * Dates of the generated world, as day numbers from 2020-01-01. Every date the
 * generator writes lies in 2020–2027; the world's "now" is a fixed day, not
 * today, so the output never depends on when it was generated.
 */
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(2020, 0, 1);

export const FIRST_DAY = 0;
export const LAST_DAY = (Date.UTC(2027, 11, 31) - EPOCH_MS) / DAY_MS;

/** The world's present: projects before it are closed, after it planned. */
export const NOW = dayOf("2026-11-30");

/** Every ISO date of 2020–2027, built once (about 2,900 short strings). */
const ISO: readonly string[] = Array.from({ length: LAST_DAY + 1 }, (_, day) =>
  new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10),
);

export function dayOf(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH_MS) / DAY_MS);
}

export function clampDay(day: number): number {
  return Math.min(LAST_DAY, Math.max(FIRST_DAY, Math.round(day)));
}

/** The ISO date of a day, clamped to 2020–2027. */
export function isoDay(day: number): string {
  return ISO[clampDay(day)]!;
}
