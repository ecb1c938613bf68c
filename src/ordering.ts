/** Code-unit order of ids, the order Cypher's ORDER BY gives strings. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
