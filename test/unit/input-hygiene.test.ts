import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { DocumentChecker } from "../../src/interchange/document-checker.js";
import { parseDocumentText } from "../../src/interchange/strict-json.js";
import { ENTITIES } from "../../src/model/entities.js";
import { illFormedStrings, isWellFormed, uniqueKey } from "../../src/validation.js";

describe("uniqueKey", () => {
  it("ignores case and Unicode normalisation form", () => {
    expect(uniqueKey("Alice@Example.ORG")).toBe("alice@example.org");
    expect(uniqueKey("CAFE\u0301")).toBe(uniqueKey("café"));
  });
});

describe("illFormedStrings", () => {
  it("finds lone surrogates in values and keys, with their paths", () => {
    expect(isWellFormed("emoji \ud83d\ude00")).toBe(true);
    expect(isWellFormed("\ud83d")).toBe(false);
    expect(isWellFormed("\ude00x")).toBe(false);
    expect(illFormedStrings({ a: ["ok", { b: "x\ud800" }], "k\udc00": 1 }, ["input"])).toEqual([
      { path: "input.a[1].b", message: expect.stringContaining("Unicode") },
      { path: "input", message: expect.stringContaining("field name") },
    ]);
    expect(illFormedStrings({ a: "fine", b: [1, null, true] })).toEqual([]);
  });

  it("makes the document checker report the path", () => {
    const checker = new DocumentChecker();
    checker.add(ENTITIES.Person, 2, { id: "p", name: "N\ud800" });
    expect(checker.problems).toContainEqual({ path: "people[2].name", message: expect.stringContaining("Unicode") });
  });
});

describe("parseDocumentText", () => {
  function pathOf(text: string): string | undefined {
    try {
      parseDocumentText(text);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).problems[0]?.path ?? "(no path)";
    }
  }

  it("refuses a repeated key with its path, at any depth", () => {
    expect(pathOf('{"people":[],"people":[]}')).toBe("people");
    expect(pathOf('{"people":[{"id":"a"},{"id":"b","name":"x","name":"y"}]}')).toBe("people[1].name");
    expect(pathOf('{"people":[{"id":"a","knows":[{"topic":"t","level":1,"level":2}]}]}')).toBe(
      "people[0].knows[0].level",
    );
  });

  it("accepts the same key in different objects and parses the value", () => {
    expect(parseDocumentText('{"people":[{"id":"a"},{"id":"b"}],"topics":[{"id":"a"}]}')).toEqual({
      people: [{ id: "a" }, { id: "b" }],
      topics: [{ id: "a" }],
    });
  });

  it("refuses text that is not JSON", () => {
    expect(pathOf('{"people":')).toBe("(no path)");
  });
});
