import { cypherFile } from "../db/cypher-files.js";

/** The text of `cypher/analytics/<name>.cypher`. */
export function analyticsQuery(name: string): string {
  return cypherFile(`analytics/${name}`);
}
