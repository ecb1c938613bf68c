import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";

// The layer rule of `npm run lint` (.dependency-cruiser.cjs): the tree passes
// it, and a tree that breaks it is refused, by the same command CI runs.

const run = promisify(execFile);
const DEPCRUISE = join(PROJECT_ROOT, "node_modules", ".bin", "depcruise");
const CONFIG = join(PROJECT_ROOT, ".dependency-cruiser.cjs");

async function depcruise(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(DEPCRUISE, ["src", "--config", CONFIG], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

const trees: string[] = [];

/** A throwaway project holding only the given source files. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "kmgraph-layers-"));
  trees.push(root);
  await writeFile(
    join(root, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }),
  );
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

afterAll(async () => {
  await Promise.all(trees.map((root) => rm(root, { recursive: true, force: true })));
});

describe("the layer rule", () => {
  it("holds for the tree", async () => {
    const { code, output } = await depcruise(PROJECT_ROOT);
    expect(output).toContain("no dependency violations found");
    expect(code).toBe(0);
  });

  it("refuses an import that runs up the layers, type-only ones included", async () => {
    const root = await tree({
      "src/context/context.ts": "export interface Context { readonly id: string }\n",
      "src/db/database.ts": 'import type { Context } from "../context/context.js";\nexport type Seen = Context;\n',
    });
    const { code, output } = await depcruise(root);
    expect(code).not.toBe(0);
    expect(output).toContain("layer-db: src/db/database.ts → src/context/context.ts");
  });

  it("refuses a circle, even inside one folder", async () => {
    const root = await tree({
      "src/db/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
      "src/db/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
    });
    const { code, output } = await depcruise(root);
    expect(code).not.toBe(0);
    expect(output).toContain("no-circular");
  });

  it("lets a module import from the layers below it", async () => {
    const root = await tree({
      "src/model/entities.ts": "export const LABELS = ['Project'];\n",
      "src/db/database.ts": 'import { LABELS } from "../model/entities.js";\nexport const labels = LABELS;\n',
    });
    const { code, output } = await depcruise(root);
    expect(output).toContain("no dependency violations found");
    expect(code).toBe(0);
  });
});
