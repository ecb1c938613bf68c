import { describe, expect, it } from "vitest";
import { plainWordsQuery } from "../../src/search/lucene.js";

describe("user text is never Lucene syntax", () => {
  it("escapes every special character and neutralises operators", () => {
    // A word of syntax alone (the lone backslash) carries nothing to search and is dropped.
    expect(plainWordsQuery('C++ (advanced) AND "notes" title:video* ~2 \\ /x/')).toBe(
      'c\\+\\+ \\(advanced\\) and \\"notes\\" title\\:video\\* \\~2 \\/x\\/',
    );
  });
});
