import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { schemaSdl } from "../../src/server/schema.js";

describe("schema.graphql", () => {
  it("is the schema the code builds (regenerate with `npm run schema`)", async () => {
    const committed = await readFile(join(PROJECT_ROOT, "schema.graphql"), "utf8");
    expect(committed).toBe(await schemaSdl());
  });
});
