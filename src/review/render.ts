import { NameBook, type NamedLabel, type Namer } from "../repositories/display-names.js";
import type { StrategyReview } from "./types.js";

// The strategy review as a document: Markdown for a meeting, one CSV for a
// spreadsheet, JSON for tools. Definitions: docs/review.md. Markdown and CSV
// show the topics, people, projects and assets a row refers to by name (see
// NameBook); without names they show ids, and JSON always keeps ids.

export const REVIEW_FORMATS = ["md", "csv", "json"] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export function renderReview(review: StrategyReview, format: ReviewFormat, names = NameBook.collecting()): string {
  switch (format) {
    case "md":
      return renderMarkdown(review, names);
    case "csv":
      return renderCsv(review, names);
    case "json":
      return renderJson(review);
  }
}

/** `JSON.stringify(review, null, 2)` and a final newline. */
export function renderJson(review: StrategyReview): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}

// ---------------------------------------------------------------- Markdown

type Cell = string | number | null;

/** One Markdown cell: pipes escaped, line breaks flattened, "—" for nothing. */
function mdCell(value: Cell): string {
  if (value === null || value === "") return "—";
  return String(value)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*[\r\n]+\s*/g, " ");
}

function mdTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  numeric: readonly number[] = [],
): string {
  const align = headers.map((_, i) => (numeric.includes(i) ? "---:" : "---"));
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers.map(mdCell)), line(align), ...rows.map((row) => line(row.map(mdCell)))].join("\n");
}

/** The ids of one label, by name, as one cell. */
const list = (name: Namer, label: NamedLabel, ids: readonly string[]) => ids.map((id) => name(label, id)).join(", ");
const oneDecimal = (value: number | null) => (value === null ? null : value.toFixed(1));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function renderMarkdown(review: StrategyReview, names = NameBook.collecting()): string {
  const { inventory, staleAssets, orphanedAssets, thinSupply, stuckLessons } = review;
  const thinPairs = thinSupply.reduce((sum, g) => sum + g.topics.length, 0);
  const thinTopics = new Set(thinSupply.flatMap((g) => g.topics.map((t) => t.topic))).size;
  const goalsWithThin = thinSupply.filter((g) => g.topics.length > 0).length;
  const out: string[] = [];
  const push = (...blocks: string[]) => out.push(...blocks);

  push(
    "# Strategy review of the organisation's knowledge assets",
    `As of **${review.asOf}**. An asset is stale when it has not been reviewed for more than ` +
      `${review.stalenessMonths} months; an expert is an active person at level ${review.expertLevel} or above. ` +
      "Every figure is defined in docs/review.md.",
    "## Summary",
    mdTable(
      ["figure", "count"],
      [
        ["knowledge assets", inventory.totals.assets],
        ["lessons", inventory.totals.lessons],
        ["stale assets", staleAssets.length],
        ["orphaned assets (no active author)", orphanedAssets.length],
        [`critical topics with thin supply (in ${goalsWithThin} of ${thinSupply.length} goals)`, thinTopics],
        ["lessons stuck at IDENTIFIED", stuckLessons.length],
      ],
      [1],
    ),
  );

  push(
    "## 1. Inventory",
    "What the organisation holds: knowledge assets and lessons, counted by topic, by kind, " +
      "by the unit that produced them and by the goals they serve.",
    "### By topic",
    "An asset or lesson on two topics counts once under each; narrower topics are not rolled up.",
    inventory.byTopic.length === 0
      ? "No topics."
      : mdTable(
          ["topic", "name", "assets", "lessons"],
          inventory.byTopic.map((t) => [t.topic, t.name, t.assets, t.lessons]),
          [2, 3],
        ),
    "### By kind",
    "Assets by kind and lessons by status. A lesson is learned only once something changed because of it.",
    mdTable(
      ["asset kind", "assets"],
      inventory.byKind.assets.map((k) => [k.kind, k.count]),
      [1],
    ),
    mdTable(
      ["lesson status", "lessons"],
      inventory.byKind.lessons.map((s) => [s.status, s.count]),
      [1],
    ),
    "### By org unit",
    "An asset counts for the unit that owns the project that produced it; a lesson for the unit that owns " +
      "the project it was learned in.",
    mdTable(
      ["unit", "name", "assets", "lessons"],
      inventory.byUnit.map((u) => [u.unit ?? "(no unit)", u.name, u.assets, u.lessons]),
      [2, 3],
    ),
    "### By goal",
    "An asset or lesson counts for every goal its project supports.",
    mdTable(
      ["goal", "name", "assets", "lessons"],
      inventory.byGoal.map((g) => [g.goal ?? "(no goal)", g.name, g.assets, g.lessons]),
      [2, 3],
    ),
  );

  push(
    "## 2. Stale assets",
    `Assets whose last review (or publication) is more than ${review.stalenessMonths} months old, ` +
      "and assets with no date at all: review them or retire them.",
    staleAssets.length === 0
      ? "No stale asset."
      : names.list((name) =>
          mdTable(
            ["asset", "title", "review date", "age (months)", "reason", "topics"],
            staleAssets.map((a) => [
              a.id,
              a.title,
              a.reviewDate,
              oneDecimal(a.ageMonths),
              a.reason,
              list(name, "Topic", a.topics),
            ]),
            [3],
          ),
        ),
  );

  push(
    "## 3. Orphaned assets",
    "Assets with no active author: nobody is left to keep them up to date or to answer questions about them.",
    orphanedAssets.length === 0
      ? "No orphaned asset."
      : names.list((name) =>
          mdTable(
            ["asset", "title", "reason", "authors", "topics"],
            orphanedAssets.map((a) => [
              a.id,
              a.title,
              a.reason,
              list(name, "Person", a.authors),
              list(name, "Topic", a.topics),
            ]),
          ),
        ),
  );

  push(
    "## 4. Critical topics with thin supply, by goal",
    "Topics that the active projects serving a goal need at HIGH or CRITICAL criticality, with at most one " +
      `source of supply: active experts (level ${review.expertLevel} or above) plus fresh assets of quality 3 or more. ` +
      `${plural(thinPairs, "goal–topic pair")} in total.`,
  );
  if (thinSupply.length === 0) push("No goals.");
  for (const goal of thinSupply) {
    push(
      `### ${mdCell(goal.goal)}: ${mdCell(goal.name)}`,
      goal.topics.length === 0
        ? "No critical topic with thin supply."
        : names.list((name) =>
            mdTable(
              ["topic", "name", "criticality", "supply", "experts", "fresh assets", "projects"],
              goal.topics.map((t) => [
                t.topic,
                t.name,
                t.criticality,
                t.supply,
                list(name, "Person", t.experts),
                list(name, "KnowledgeAsset", t.freshAssets),
                list(name, "Project", t.projects),
              ]),
              [3],
            ),
          ),
    );
  }

  push(
    "## 5. Lessons stuck at IDENTIFIED",
    'Lessons recorded and never acted on, oldest first; "needed by" lists the active projects that need ' +
      "one of their topics today and could act on them.",
    stuckLessons.length === 0
      ? "No lesson stuck at IDENTIFIED."
      : names.list((name) =>
          mdTable(
            ["lesson", "title", "learned in", "recorded", "age (days)", "topics", "needed by"],
            stuckLessons.map((l) => [
              l.id,
              l.title,
              l.project === null ? null : name("Project", l.project),
              l.recordedAt,
              l.ageDays,
              list(name, "Topic", l.topics),
              list(name, "Project", l.neededBy),
            ]),
            [4],
          ),
        ),
  );
  return `${out.join("\n\n")}\n`;
}

// ---------------------------------------------------------------- CSV

/** The columns of the CSV document; each section fills the ones it has (docs/review.md). */
export const CSV_COLUMNS = [
  "section",
  "goal",
  "id",
  "name",
  "assets",
  "lessons",
  "date",
  "age",
  "reason",
  "criticality",
  "supply",
  "project",
  "topics",
  "authors",
  "projects",
  "experts",
  "freshAssets",
  "neededBy",
  "value",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Separator of the names (or ids) in a list cell. */
export const CSV_LIST_SEPARATOR = "; ";

/**
 * The rows of the CSV document (header first), every cell a string; "" for
 * null. The `id` and `name` columns are the row's own; the other cells name
 * what the row refers to (ids without names).
 */
export function csvRows(review: StrategyReview, names = NameBook.collecting()): string[][] {
  const rows: string[][] = [[...CSV_COLUMNS]];
  const add = (section: string, cells: Partial<Record<Column, string | number | null | readonly string[]>>) => {
    rows.push(
      CSV_COLUMNS.map((column) => {
        if (column === "section") return section;
        const value = cells[column];
        if (value === undefined || value === null) return "";
        if (Array.isArray(value)) return value.join(CSV_LIST_SEPARATOR);
        return String(value);
      }),
    );
  };
  const { inventory } = review;
  add("parameter", { id: "asOf", value: review.asOf });
  add("parameter", { id: "stalenessMonths", value: review.stalenessMonths });
  add("parameter", { id: "expertLevel", value: review.expertLevel });
  add("inventory-total", { assets: inventory.totals.assets, lessons: inventory.totals.lessons });
  for (const t of inventory.byTopic)
    add("inventory-topic", { id: t.topic, name: t.name, assets: t.assets, lessons: t.lessons });
  for (const k of inventory.byKind.assets) add("inventory-asset-kind", { id: k.kind, assets: k.count });
  for (const s of inventory.byKind.lessons) add("inventory-lesson-status", { id: s.status, lessons: s.count });
  for (const u of inventory.byUnit)
    add("inventory-unit", { id: u.unit, name: u.name, assets: u.assets, lessons: u.lessons });
  for (const g of inventory.byGoal)
    add("inventory-goal", { id: g.goal, name: g.name, assets: g.assets, lessons: g.lessons });
  // One list per section: a name shared by two entities of a section gets the id beside it.
  const named = (name: Namer, label: NamedLabel, ids: readonly string[]) => ids.map((id) => name(label, id));
  const sectionRows = (build: (name: Namer) => Parameters<typeof add>[]) => {
    for (const args of names.list(build)) add(...args);
  };
  sectionRows((name) =>
    review.staleAssets.map((a) => [
      "stale-asset",
      {
        id: a.id,
        name: a.title,
        date: a.reviewDate,
        age: a.ageMonths,
        reason: a.reason,
        topics: named(name, "Topic", a.topics),
      },
    ]),
  );
  sectionRows((name) =>
    review.orphanedAssets.map((a) => [
      "orphaned-asset",
      {
        id: a.id,
        name: a.title,
        reason: a.reason,
        authors: named(name, "Person", a.authors),
        topics: named(name, "Topic", a.topics),
      },
    ]),
  );
  sectionRows((name) =>
    review.thinSupply.flatMap((goal) =>
      goal.topics.map(
        (t): Parameters<typeof add> => [
          "thin-supply",
          {
            goal: goal.goal,
            id: t.topic,
            name: t.name,
            criticality: t.criticality,
            supply: t.supply,
            projects: named(name, "Project", t.projects),
            experts: named(name, "Person", t.experts),
            freshAssets: named(name, "KnowledgeAsset", t.freshAssets),
          },
        ],
      ),
    ),
  );
  sectionRows((name) =>
    review.stuckLessons.map((l) => [
      "stuck-lesson",
      {
        id: l.id,
        name: l.title,
        project: l.project === null ? null : name("Project", l.project),
        date: l.recordedAt,
        age: l.ageDays,
        topics: named(name, "Topic", l.topics),
        neededBy: named(name, "Project", l.neededBy),
      },
    ]),
  );
  return rows;
}

/**
 * One RFC 4180 field: quoted when it holds a comma, a double quote or a line
 * break; quotes doubled. A value a spreadsheet would run as a formula (it
 * starts with = + - @ or a tab or carriage return, and is not a number) gets a
 * leading apostrophe, so a title such as `=HYPERLINK(...)` stays text.
 */
export function csvField(value: string): string {
  const formula = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV document (RFC 4180: CRLF line ends, a header row), first column `section`. */
export function renderCsv(review: StrategyReview, names = NameBook.collecting()): string {
  return csvRows(review, names)
    .map((row) => row.map(csvField).join(","))
    .map((line) => `${line}\r\n`)
    .join("");
}
