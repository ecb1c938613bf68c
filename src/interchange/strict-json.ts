import type { ParsedTokenInfo } from "@streamparser/json";
import { Tokenizer, TokenType } from "@streamparser/json";
import { type AppError, badInput, type Problem } from "../errors.js";
import { formatPath } from "../validation.js";

type Frame =
  | { kind: "object"; keys: Set<string>; key: string | null; expectingKey: boolean }
  | { kind: "array"; index: number };

/**
 * Follows a JSON token stream and finds the first key an object repeats.
 * `JSON.parse` keeps the last value of a repeated key without a word, which
 * would import a value the author may not have meant; the streaming bulk
 * reader and the text form of `importDocument` both refuse such a document
 * through this watcher, with the path of the repeated key.
 */
export class DuplicateKeyWatcher {
  private readonly frames: Frame[] = [];
  /** The first repeated key found, or null. */
  problem: Problem | null = null;

  see({ token, value }: ParsedTokenInfo): void {
    if (this.problem) return;
    const top = this.frames[this.frames.length - 1];
    switch (token) {
      case TokenType.LEFT_BRACE:
        this.frames.push({ kind: "object", keys: new Set(), key: null, expectingKey: true });
        return;
      case TokenType.LEFT_BRACKET:
        this.frames.push({ kind: "array", index: 0 });
        return;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        this.frames.pop();
        return;
      case TokenType.COMMA:
        if (top?.kind === "object") top.expectingKey = true;
        else if (top?.kind === "array") top.index++;
        return;
      default:
        if (top?.kind === "object" && top.expectingKey && token === TokenType.STRING) {
          const key = String(value);
          top.expectingKey = false;
          top.key = key;
          if (top.keys.has(key)) this.problem = { path: formatPath(this.path()), message: "duplicated key" };
          top.keys.add(key);
        }
    }
  }

  private path(): (string | number)[] {
    return this.frames.map((frame) => (frame.kind === "array" ? frame.index : (frame.key ?? "")));
  }
}

/** The error for a document that repeats a key: BAD_USER_INPUT with its path. */
export function duplicateKeyError(problem: Problem): AppError {
  return badInput(`the document has 1 problem: ${problem.path}: ${problem.message}`, [problem]);
}

/**
 * Parses a document given as JSON text, refusing one that repeats a key
 * anywhere (see DuplicateKeyWatcher) or is not JSON.
 */
export function parseDocumentText(text: string): unknown {
  const watcher = new DuplicateKeyWatcher();
  const tokenizer = new Tokenizer();
  tokenizer.onToken = (token) => watcher.see(token);
  // The tokenizer only follows structure and keys here; JSON.parse builds the value.
  tokenizer.onEnd = () => {};
  let value: unknown;
  try {
    tokenizer.write(text);
    tokenizer.end();
    value = JSON.parse(text);
  } catch (error) {
    // A repeated key before the place where the text breaks is still worth naming.
    if (watcher.problem) throw duplicateKeyError(watcher.problem);
    throw badInput(`the document is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (watcher.problem) throw duplicateKeyError(watcher.problem);
  return value;
}
