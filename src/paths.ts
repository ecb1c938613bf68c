import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// This file sits one level below the project root both as `src/paths.ts`
// (tests) and as `dist/paths.js` (built), so the root is one folder up.
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CYPHER_DIR = join(PROJECT_ROOT, "cypher");
export const DEMO_DOCUMENT = join(PROJECT_ROOT, "demo", "demo-org.json");
