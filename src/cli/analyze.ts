import type { OrganisationReport } from "../analytics/report.js";
import type { NameBook, Namer } from "../repositories/display-names.js";
import { percent, round, table } from "./table.js";

/**
 * The organisation report as text a KM lead can read in a terminal: people,
 * topics, projects, units and lessons by name (see NameBook; `--json` keeps ids).
 */
export function renderReport(report: OrganisationReport, top: number, names: NameBook): string {
  const { params, coverage, bottlenecks, truckFactor, maturity, reuse } = report;
  const sections: string[] = [];
  const section = (title: string, body: string) => sections.push(`${title}\n${"=".repeat(title.length)}\n${body}`);

  section(
    `kmgraph organisation report, as of ${params.asOf}`,
    `expert level ${params.expertLevel}, taxonomy decay ${params.taxonomyDecay} over ${params.maxTaxonomyHops} hops, ` +
      `staleness ${params.stalenessMonths} months. Formulas: docs/analytics.md`,
  );
  section(
    "Project coverage and maturity",
    names.list((name) =>
      table(
        ["project", "status", "needs", "coverage", "reachable", "maturity"],
        report.projects.map((p) => [
          name("Project", p.id),
          p.status,
          p.coverage.needs.length,
          percent(p.coverage.coverage),
          percent(p.coverage.reachableCoverage),
          p.maturity,
        ]),
      ),
    ),
  );
  // Tables of topics keep the id column beside the name: the id is what the JSON and the API use.
  const topicName = new Map(coverage.topics.map((t) => [t.topic, t.name]));
  const demand = new Map(coverage.topics.map((t) => [t.topic, t.demand]));
  section(
    "Knowledge in demand with no supply",
    table(
      ["topic", "name", "demand"],
      coverage.demandWithoutSupply.map((t) => [t, topicName.get(t) ?? t, demand.get(t) ?? 0]),
    ),
  );
  section(
    `Top ${top} gaps`,
    names.list((name) =>
      table(
        ["gap", "source", "project", "topic", "severity", "targeted", "age (days)"],
        report.gaps
          .slice(0, top)
          .map((g) => [
            g.id,
            g.source,
            name("Project", g.project),
            g.topic === null ? null : name("Topic", g.topic),
            round(g.severity),
            g.targeted ? "yes" : "no",
            g.ageDays,
          ]),
      ),
    ),
  );
  const people = (name: Namer, ids: readonly string[]) => ids.map((id) => name("Person", id)).join(", ");
  section(
    "Expert bottlenecks (demand > 0, bus factor ≤ 1)",
    names.list((name) =>
      table(
        ["topic", "name", "demand", "bus factor", "experts"],
        bottlenecks.bottlenecks.map((t) => [
          t.topic,
          t.name,
          t.demand,
          t.busFactor,
          people(name, t.experts) || "nobody",
        ]),
      ),
    ),
  );
  section(
    `Key-person risk (top ${top})`,
    names.list((name) =>
      table(
        ["person", "risk", "topics"],
        bottlenecks.keyPersonRisk
          .slice(0, top)
          .map((r) => [
            name("Person", r.person),
            round(r.risk),
            r.topics.map((t) => name("Topic", t.topic)).join(", "),
          ]),
      ),
    ),
  );
  const overloaded = bottlenecks.load.filter((l) => l.overloaded);
  section(
    "Overloaded people (allocation > 1)",
    names.list((name) =>
      table(
        ["person", "load", "projects"],
        overloaded.map((l) => [
          name("Person", l.person),
          round(l.load),
          l.assignments.map((a) => name("Project", a.project)).join(", "),
        ]),
      ),
    ),
  );
  section(
    "Successors for sole experts",
    names.list((name) =>
      table(
        ["topic", "sole expert", "candidates (level)"],
        bottlenecks.successors.map((s) => [
          name("Topic", s.topic),
          name("Person", s.expert),
          s.candidates.map((c) => `${name("Person", c.person)} (${c.level})`).join(", ") || "nobody",
        ]),
      ),
    ),
  );
  section(
    `Truck factor: ${truckFactor.truckFactor}`,
    names.list(
      (name) =>
        `Total demand ${truckFactor.totalDemand}; losing ${
          people(
            name,
            truckFactor.removed.map((r) => r.person),
          ) || "nobody"
        } ` + `would leave ${truckFactor.uncoveredDemand} of it with no expert.`,
    ),
  );
  section(
    "Maturity",
    table(
      ["level", "1 Initiate", "2 Develop", "3 Standardize", "4 Optimize", "5 Innovate", "mean"],
      [["projects", ...maturity.distribution, maturity.mean === null ? null : round(maturity.mean)]],
    ),
  );
  section(
    "Reuse",
    [
      `assets reused beyond their project: ${reuse.reusedAssets}/${reuse.totalAssets} (${percent(reuse.assetReuseRate) ?? "—"})`,
      `lessons applied beyond their project: ${reuse.reusedLessons}/${reuse.totalLessons} (${percent(reuse.lessonReuseRate) ?? "—"})`,
      "",
      names.list((name) =>
        table(
          ["from unit", "to unit", "assets", "lessons"],
          reuse.unitFlows.map((f) => [name("OrgUnit", f.from), name("OrgUnit", f.to), f.assets, f.lessons]),
        ),
      ),
      "",
      `Lessons never reused that active projects need (first ${top} by id):`,
      names.list((name) =>
        table(
          ["lesson", "learned in", "needed by"],
          report.neededLessonsNeverReused
            .slice(0, top)
            .map((l) => [
              name("Lesson", l.lesson),
              l.project === null ? null : name("Project", l.project),
              l.neededBy.map((p) => name("Project", p)).join(", "),
            ]),
        ),
      ),
    ].join("\n"),
  );
  return `${sections.join("\n\n")}\n`;
}
