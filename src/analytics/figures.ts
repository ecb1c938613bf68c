/**
 * How derived figures are made comparable (docs/analytics.md, "Equal figures tie").
 *
 * A figure is computed from its unrounded terms and settled once, at the end:
 * settling each term first and adding the settled terms breaks ties that hold in
 * exact arithmetic (1/3 + 1/3 settles to 0.666666666, 2/3 to 0.666666667), and
 * the tie-break by id is lost. A figure whose terms are ratios of whole numbers
 * (key-person risk) is summed exactly, as a fraction, and ranked by that fraction.
 */

/** Rounds a figure to 9 decimals: once, on its final value, so that values equal in exact arithmetic are equal. */
export function settle(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** Σ of the terms, largest first so that the float sum does not depend on their order, settled once. */
export function settledSum(terms: readonly number[]): number {
  return settle([...terms].sort((a, b) => b - a).reduce((sum, term) => sum + term, 0));
}

/** An exact non-negative fraction numerator / denominator, in lowest terms. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export const ZERO: Fraction = { numerator: 0n, denominator: 1n };

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** The fraction `numerator / denominator` of two whole numbers. */
export function fraction(numerator: number, denominator: number): Fraction {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator === 0) {
    throw new RangeError(`not a fraction of whole numbers: ${numerator}/${denominator}`);
  }
  return reduced(BigInt(numerator), BigInt(denominator));
}

function reduced(numerator: bigint, denominator: bigint): Fraction {
  const divisor = gcd(numerator, denominator) || 1n;
  const sign = denominator < 0n ? -1n : 1n;
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  return reduced(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

/** Exact order of two fractions: negative when a < b. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The fraction as a settled figure: equal fractions give the same number. */
export function settleFraction(value: Fraction): number {
  return settle(Number(value.numerator) / Number(value.denominator));
}
