import { describe, expect, it } from "vitest";
import { splitStatements } from "../../src/db/migrations.js";

describe("schema migrations", () => {
  it("split files into statements, dropping comments", () => {
    expect(splitStatements("// note\nCREATE A;\nCREATE B\n  ON X;\n\n")).toEqual(["CREATE A", "CREATE B\n  ON X"]);
  });
});
