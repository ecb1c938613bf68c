import { badInput } from "../errors.js";

export const MAX_QUERY_LENGTH = 200;

/** Characters Lucene's query parser gives a meaning to. */
const SYNTAX = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * The user's text as a Lucene query of plain words: lower-cased (so AND, OR and
 * NOT are words, not operators) and with every syntax character escaped, so
 * no input can change the query or make it fail to parse.
 */
export function plainWordsQuery(text: string, field = "text"): string {
  const trimmed = text.trim();
  if (trimmed.length > MAX_QUERY_LENGTH) {
    throw badInput(`${field} has at most ${MAX_QUERY_LENGTH} characters`, [
      { path: field, message: `at most ${MAX_QUERY_LENGTH} characters` },
    ]);
  }
  const words = trimmed
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.replace(SYNTAX, "").length > 0)
    .map((word) => word.replace(SYNTAX, (char) => `\\${char}`));
  if (words.length === 0) {
    throw badInput(`${field} must contain at least one word`, [
      { path: field, message: "must contain at least one word" },
    ]);
  }
  return words.join(" ");
}
