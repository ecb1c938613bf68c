import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";

/** The labels a report names; assets and lessons go by their title. */
export type NamedLabel = "Person" | "Topic" | "Project" | "OrgUnit" | "Goal" | "KnowledgeAsset" | "Lesson";

/** Shows one entity in a list: its name, or its id when it has none. */
export type Namer = (label: NamedLabel, id: string) => string;

interface NodeRef {
  label: NamedLabel;
  id: string;
}

const keyOf = (label: string, id: string) => `${label}\u0000${id}`;

/**
 * Names for the text reports (`kmgraph analyze`, the review in Markdown and
 * CSV), where a KM lead reads names rather than ids. A report is rendered
 * twice: first with a collecting book, which shows ids and records the
 * entities the report shows, then, once readNames has read their names in one
 * statement, with the names. Within one list (a table, a sentence), two
 * different entities with the same name are told apart by id:
 * `Amara Okafor (p-amara)`.
 */
export class NameBook {
  private readonly seen = new Map<string, NodeRef>();

  private constructor(private readonly names: ReadonlyMap<string, string | null> | null) {}

  /** A book that shows ids and records which entities were shown (see `shown`). */
  static collecting(): NameBook {
    return new NameBook(null);
  }

  static of(rows: readonly { label: string; id: string; name: string | null }[]): NameBook {
    return new NameBook(new Map(rows.map((row) => [keyOf(row.label, row.id), row.name])));
  }

  /** The entities shown so far, each once. */
  get shown(): NodeRef[] {
    return [...this.seen.values()];
  }

  /** Builds one list with a namer for it; names shared by two entities of the list get the id beside them. */
  list<T>(build: (name: Namer) => T): T {
    const inList = new Map<string, NodeRef>();
    const ids = build((label, id) => {
      const key = keyOf(label, id);
      inList.set(key, { label, id });
      this.seen.set(key, { label, id });
      return id;
    });
    const names = this.names;
    if (names === null) return ids;
    const uses = new Map<string, number>();
    for (const key of inList.keys()) {
      const name = names.get(key);
      if (name) uses.set(name, (uses.get(name) ?? 0) + 1);
    }
    return build((label, id) => {
      const name = names.get(keyOf(label, id));
      if (!name) return id;
      return (uses.get(name) ?? 0) > 1 ? `${name} (${id})` : name;
    });
  }
}

/** A node with its name (an asset's or a lesson's title); null when it has none or is gone. */
export interface NamedNode {
  label: string;
  id: string;
  name: string | null;
}

/** The names of `nodes`, in one statement; none sent for none. */
export async function readNodeNames(
  db: Database,
  nodes: readonly { label: string; id: string }[],
): Promise<NamedNode[]> {
  if (nodes.length === 0) return [];
  return db.readRows<NamedNode>(cypherFile("repositories/names"), {
    nodes: nodes.map(({ label, id }) => ({ label, id })),
  });
}

/** The names of `nodes` as a book. */
export async function readNames(db: Database, nodes: readonly NodeRef[]): Promise<NameBook> {
  return NameBook.of(await readNodeNames(db, nodes));
}

/** Renders `render` with the names of what it shows: one dry run to learn which, one read, one real run. */
export async function withNames<T>(db: Database, render: (names: NameBook) => T): Promise<T> {
  const collecting = NameBook.collecting();
  render(collecting);
  return render(await readNames(db, collecting.shown));
}
