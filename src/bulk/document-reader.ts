import { createReadStream } from "node:fs";
import type { ParsedTokenInfo } from "@streamparser/json";
import { Tokenizer, TokenParser, TokenType } from "@streamparser/json";
import { AppError, badInput } from "../errors.js";
import { DuplicateKeyWatcher, duplicateKeyError } from "../interchange/strict-json.js";

/** One item of a streamed interchange document, in file order. */
export type DocumentItem =
  /** An element of a top-level list: `people[3]`. */
  | { kind: "object"; collection: string; index: number; value: unknown }
  /** A top-level field, seen before its content; the content of a field that is not a list is skipped. */
  | { kind: "field"; collection: string; list: boolean }
  /** The document is not a JSON object at all. */
  | { kind: "not-an-object" };

export interface ReadOptions {
  /** Called after each chunk with the bytes read so far. */
  onBytes?: (bytes: number) => void;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Streams the objects of an interchange document (`{"people": [{…}, …], …}`)
 * one at a time, never holding more than one chunk of the file and the
 * objects parsed from it. Malformed JSON fails with BAD_USER_INPUT and the
 * byte offset where the parser stopped; a repeated key, with its path.
 */
export async function* readDocument(path: string, options: ReadOptions = {}): AsyncGenerator<DocumentItem> {
  const queue: DocumentItem[] = [];
  const shape = new ShapeWatcher(queue);
  const duplicates = new DuplicateKeyWatcher();
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ["$.*.*"], keepStack: false });
  tokenizer.onToken = (token) => {
    shape.see(token);
    duplicates.see(token);
    parser.write(token);
  };
  parser.onValue = ({ value, key, stack }) => {
    const collection = stack[1]?.key;
    if (typeof key === "number" && typeof collection === "string" && shape.isList(collection)) {
      queue.push({ kind: "object", collection, index: key, value });
    }
  };
  // The tokenizer's end does not end the parser by itself: without this a truncated file would pass.
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      tokenizer.write(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      options.onBytes?.(bytes);
      // Before the objects go on: the one with the repeated key may be among them.
      if (duplicates.problem) throw duplicateKeyError(duplicates.problem);
      yield* queue.splice(0);
    }
    tokenizer.end();
    if (!shape.started) throw new Error("the file is empty");
    if (duplicates.problem) throw duplicateKeyError(duplicates.problem);
    yield* queue.splice(0);
  } catch (error) {
    if (isFileError(error) || error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw badInput(`${path} is not a valid JSON document (after byte ${bytes}): ${message}`);
  }
}

/**
 * Follows the document's first two levels from the token stream: the root must
 * be an object and each of its fields a list. Only these two levels are seen
 * here; the objects inside the lists are assembled by the token parser.
 */
class ShapeWatcher {
  private depth = 0;
  started = false;
  private rejected = false;
  private expectingKey = false;
  private key: string | null = null;
  private readonly lists = new Set<string>();

  constructor(private readonly out: DocumentItem[]) {}

  isList(collection: string): boolean {
    return this.lists.has(collection);
  }

  see({ token, value }: ParsedTokenInfo): void {
    if (this.rejected) return;
    if (this.depth === 0 && !this.started && token !== TokenType.LEFT_BRACE) {
      this.rejected = true;
      this.started = true;
      this.out.push({ kind: "not-an-object" });
      return;
    }
    this.started = true;
    if (this.depth === 1) this.seeField(token, value);
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) this.depth++;
    if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) this.depth--;
    if (this.depth === 1 && token === TokenType.LEFT_BRACE) this.expectingKey = true;
  }

  private seeField(token: TokenType, value: unknown): void {
    if (token === TokenType.COMMA) this.expectingKey = true;
    else if (token === TokenType.COLON || token === TokenType.RIGHT_BRACE) return;
    else if (this.expectingKey) {
      this.key = String(value);
      this.expectingKey = false;
    } else if (this.key !== null) {
      const list = token === TokenType.LEFT_BRACKET;
      if (list) this.lists.add(this.key);
      this.out.push({ kind: "field", collection: this.key, list });
    }
  }
}

function isFileError(error: unknown): boolean {
  return (
    typeof (error as NodeJS.ErrnoException | null)?.code === "string" &&
    (error as NodeJS.ErrnoException).syscall !== undefined
  );
}
