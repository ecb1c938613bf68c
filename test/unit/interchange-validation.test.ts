import { describe, expect, it } from "vitest";
import { planImport } from "../../src/interchange/plan.js";
import { smallOrg } from "../fixtures/small-org.js";

// What the interchange document alone decides, before anything touches the
// graph: planImport finds every problem of the document in one pass, and
// leaves only references to ids it does not define for the graph to check.

const paths = (document: unknown) =>
  planImport(document)
    .problems.map((p) => p.path)
    .sort();

describe("an interchange document checked on its own", () => {
  it("accepts the small organisation, with nothing left to check in the graph", () => {
    const { problems, plan } = planImport(smallOrg());
    expect(problems).toEqual([]);
    expect(plan.external).toEqual([]);
    expect(plan.nodes.find((n) => n.entity.label === "Project")!.rows.map((r) => r.id)).toEqual([
      "pr-latrines",
      "pr-nutrition",
      "pr-wells",
    ]);
  });

  it("names unknown fields and collections, and out-of-range values", () => {
    const document: any = smallOrg();
    document.projects[2].needs[0].level = 7;
    document.people[1].favouriteColour = "blue";
    document.assets[0].quality = 0;
    document.planets = [];
    const { problems } = planImport(document);
    expect(problems.map((p) => p.path).sort()).toEqual([
      "",
      "assets[0].quality",
      "people[1]",
      "projects[2].needs[0].level",
    ]);
    expect(problems.find((p) => p.path === "people[1]")!.message).toMatch(/favouriteColour/);
    expect(problems.find((p) => p.path === "")!.message).toMatch(/planets/);
  });

  it("finds duplicates and missing fields, and leaves ids it does not define to the graph", () => {
    const document: any = smallOrg();
    document.projects[0].needs[1].topic = "t-unknown";
    document.topics.push({ id: "t-wash", name: "WASH again" });
    document.topics.push({ id: "t-copy", name: "Sanitation" });
    document.people[1].email = "ana@example.org";
    delete document.lessons[0].title;
    document.projects[1].team.push({ person: "p-cleo", role: "again" });
    const { problems, plan } = planImport(document);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      "lessons[0].title",
      "people[1].email",
      "projects[1].team[1].person",
      "topics[5].id",
      "topics[6].name",
    ]);
    expect(byPath["topics[5].id"]).toMatch(/duplicate id "t-wash"/);
    expect(byPath["projects[1].team[1].person"]).toMatch(/twice/);
    // Not a problem of the document: the graph may hold t-unknown.
    expect(plan.external).toEqual([{ label: "Topic", id: "t-unknown", path: ["projects", 0, "needs", 1, "topic"] }]);
  });

  it("reports malformed dates, ends before starts and taxonomy cycles in one pass", () => {
    const document: any = smallOrg();
    document.projects[0].startDate = "15/01/2025";
    document.projects[1].endDate = "2022-01-01";
    document.topics[0].broader = ["t-latrines"];
    expect(paths(document)).toEqual(["projects[0].startDate", "projects[1].endDate", "topics[2].broader"]);
    document.projects[0].startDate = "2025-01-15";
    const { problems } = planImport(document);
    expect(problems.find((p) => p.path === "topics[2].broader")!.message).toMatch(
      /cycle: t-latrines → t-sanitation → t-wash → t-latrines/,
    );
  });

  it("rejects a document that is not an object of lists", () => {
    expect(planImport([1, 2, 3]).problems).toHaveLength(1);
    expect(planImport(null).problems).toHaveLength(1);
    expect(planImport({ people: "everyone" }).problems).toEqual([{ path: "people", message: "must be a list" }]);
  });
});
