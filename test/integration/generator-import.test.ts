import { afterAll, describe, expect, it } from "vitest";
import { type Collection, SIZES } from "../../src/generator/sizes.js";
import { ENTITY_ORDER } from "../../src/model/entities.js";
import { generate } from "../support/generated.js";
import { importDocument, resetGraph, useGraph } from "../support/graph.js";

describe("generate: import into Neo4j", () => {
  const graph = useGraph();

  // XS is larger than the fixtures: leave an empty graph to the next file.
  afterAll(async () => {
    await resetGraph(graph.db);
  });

  const relationshipsInGraph = async () => {
    const rows = await graph.db.read(
      "MATCH (a)-[r]->() WHERE any(label IN labels(a) WHERE label IN $labels) RETURN count(r) AS n",
      {
        labels: ENTITY_ORDER.map((e) => e.label),
      },
    );
    return Number(rows[0]!.n);
  };

  it("imports XS whole, with every node and relationship, and another seed over it replaces it whole", async () => {
    const first = await generate("XS", 1);
    const summary = await importDocument(graph.db, JSON.parse(first.text));
    const created = Object.fromEntries(summary.nodes.map((n) => [n.label, n.created]));
    for (const entity of ENTITY_ORDER)
      expect(created[entity.label], entity.label).toBe(SIZES.XS[entity.collection as Collection]);
    expect(await relationshipsInGraph()).toBe(first.stats.totalRelationships);

    // Same ids, other content: nothing of the first organisation may survive.
    const second = await generate("XS", 2);
    await importDocument(graph.db, JSON.parse(second.text));
    expect(await relationshipsInGraph()).toBe(second.stats.totalRelationships);
  });
});
