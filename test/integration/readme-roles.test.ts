import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Identity } from "../../src/auth/identity.js";
import { Role } from "../../src/model/roles.js";
import { DEMO_DOCUMENT, PROJECT_ROOT } from "../../src/paths.js";
import { executeAs, useGraph } from "../support/graph.js";

// The README's examples, each as the role the README names before it
// (`<!-- role: KM_LEAD -->`), on the demo organisation: each runs for its role
// without an error, and is refused to the role just below, so the label is the
// weakest role that can run it.

const graph = useGraph(() => JSON.parse(readFileSync(DEMO_DOCUMENT, "utf8")));
const RANK = [Role.VIEWER, Role.MEMBER, Role.KM_LEAD, Role.ADMIN];

const examples = [
  ...readFileSync(join(PROJECT_ROOT, "README.md"), "utf8").matchAll(/<!-- role: (\w+) -->\n```graphql\n([\s\S]*?)```/g),
].map(([, role, text]) => ({ role: role as Role, text: text! }));

const caller = (role: Role): Identity => ({ role, roles: [role], subject: "readme", personId: null, via: "jwt" });

describe("the README's examples, by role", () => {
  it("has examples for dashboards and for KM leads", () => {
    expect(examples.filter((e) => e.role === Role.VIEWER).length).toBeGreaterThanOrEqual(2);
    expect(examples.filter((e) => e.role === Role.KM_LEAD).length).toBeGreaterThanOrEqual(3);
    for (const { role } of examples) expect(RANK).toContain(role);
  });

  // Mutations last: they change the demo graph the queries read.
  const ordered = [...examples].sort(
    (a, b) => Number(a.text.startsWith("mutation")) - Number(b.text.startsWith("mutation")),
  );
  for (const [index, { role, text }] of ordered.entries()) {
    it(`example ${index + 1} runs as ${role} and not below`, async () => {
      const below = RANK[RANK.indexOf(role) - 1];
      if (below) {
        const refused = await executeAs(graph, caller(below), text);
        expect(refused.errors?.[0]?.extensions?.code, text).toBe("FORBIDDEN");
      }
      const result = await executeAs(graph, caller(role), text);
      expect(result.errors, text).toBeUndefined();
    });
  }
});
