import type { OrganisationReport } from "../analytics/report.js";
import { percent, round, table } from "./table.js";

/** The organisation report as text a KM lead can read in a terminal. */
export function renderReport(report: OrganisationReport, top: number): string {
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
    table(
      ["project", "status", "needs", "coverage", "reachable", "maturity"],
      report.projects.map((p) => [
        p.id,
        p.status,
        p.coverage.needs.length,
        percent(p.coverage.coverage),
        percent(p.coverage.reachableCoverage),
        p.maturity,
      ]),
    ),
  );
  const name = new Map(coverage.topics.map((t) => [t.topic, t.name]));
  const demand = new Map(coverage.topics.map((t) => [t.topic, t.demand]));
  section(
    "Knowledge in demand with no supply",
    table(
      ["topic", "name", "demand"],
      coverage.demandWithoutSupply.map((t) => [t, name.get(t) ?? t, demand.get(t) ?? 0]),
    ),
  );
  section(
    `Top ${top} gaps`,
    table(
      ["gap", "source", "project", "topic", "severity", "targeted", "age (days)"],
      report.gaps
        .slice(0, top)
        .map((g) => [g.id, g.source, g.project, g.topic, round(g.severity), g.targeted ? "yes" : "no", g.ageDays]),
    ),
  );
  section(
    "Expert bottlenecks (demand > 0, bus factor ≤ 1)",
    table(
      ["topic", "name", "demand", "bus factor", "experts"],
      bottlenecks.bottlenecks.map((t) => [t.topic, t.name, t.demand, t.busFactor, t.experts.join(", ") || "nobody"]),
    ),
  );
  section(
    `Key-person risk (top ${top})`,
    table(
      ["person", "risk", "topics"],
      bottlenecks.keyPersonRisk
        .slice(0, top)
        .map((r) => [r.person, round(r.risk), r.topics.map((t) => t.topic).join(", ")]),
    ),
  );
  const overloaded = bottlenecks.load.filter((l) => l.overloaded);
  section(
    "Overloaded people (allocation > 1)",
    table(
      ["person", "load", "projects"],
      overloaded.map((l) => [l.person, round(l.load), l.assignments.map((a) => a.project).join(", ")]),
    ),
  );
  section(
    "Successors for sole experts",
    table(
      ["topic", "sole expert", "candidates (level)"],
      bottlenecks.successors.map((s) => [
        s.topic,
        s.expert,
        s.candidates.map((c) => `${c.person} (${c.level})`).join(", ") || "nobody",
      ]),
    ),
  );
  section(
    `Truck factor: ${truckFactor.truckFactor}`,
    `Total demand ${truckFactor.totalDemand}; losing ${truckFactor.removed.map((r) => r.person).join(", ") || "nobody"} ` +
      `would leave ${truckFactor.uncoveredDemand} of it with no expert.`,
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
      table(
        ["from unit", "to unit", "assets", "lessons"],
        reuse.unitFlows.map((f) => [f.from, f.to, f.assets, f.lessons]),
      ),
      "",
      `Lessons never reused that active projects need (first ${top} by id):`,
      table(
        ["lesson", "learned in", "needed by"],
        report.neededLessonsNeverReused.slice(0, top).map((l) => [l.lesson, l.project, l.neededBy.join(", ")]),
      ),
    ].join("\n"),
  );
  return `${sections.join("\n\n")}\n`;
}
