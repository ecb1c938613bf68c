import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CYPHER_DIR } from "../paths.js";

const cache = new Map<string, string>();

/** The text of `cypher/<name>.cypher` (e.g. `finder/expert-evidence`), read once. */
export function cypherFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), "utf8");
    cache.set(name, text);
  }
  return text;
}
