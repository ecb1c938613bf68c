import type { Database, Row } from "./database.js";
import type { Plain } from "./values.js";

/**
 * A read that can share a round trip with others. `cypher` is a complete
 * subquery body ending in `RETURN … AS row`; it reads its parameters from the
 * single map `$p` (renamed when combined, so fragments never collide).
 */
export interface Fragment {
  readonly cypher: string;
  readonly params: Record<string, unknown>;
}

/** What sends a fragment and answers its rows: the QueryBatcher of a request. */
export interface FragmentRunner {
  run(fragment: Fragment): Promise<Plain[]>;
}

interface Pending {
  readonly fragment: Fragment;
  resolve(rows: Plain[]): void;
  reject(error: unknown): void;
}

const PARAM = /\$p\b/g;

/**
 * Collects every fragment requested while GraphQL resolves one level of a
 * query and sends them to Neo4j as ONE statement of `CALL {}` subqueries.
 * DataLoader batches each loader's keys within a tick; this batches the
 * loaders with each other, so a level costs one round trip however many
 * fields it selects. The flush waits for `setImmediate`, i.e. until every
 * microtask and `process.nextTick` callback of the level (where DataLoader
 * dispatches) has run.
 */
export class QueryBatcher implements FragmentRunner {
  private pending: Pending[] = [];
  private scheduled = false;

  /** `db`: where the combined statement goes (only its `read` is used). */
  constructor(private readonly db: Pick<Database, "read">) {}

  run(fragment: Fragment): Promise<Plain[]> {
    return new Promise<Plain[]>((resolve, reject) => {
      this.pending.push({ fragment, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const { cypher, params } = combine(batch.map((item) => item.fragment));
    try {
      const [row] = await this.db.read(cypher, params);
      for (const [index, item] of batch.entries()) item.resolve(columnOf(row, index));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}

/** Wraps each fragment so it yields exactly one row holding its rows as a list. */
export function combine(fragments: readonly Fragment[]): { cypher: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const calls = fragments.map((fragment, index) => {
    params[`p${index}`] = fragment.params;
    const body = fragment.cypher.replace(PARAM, `$p${index}`);
    return `CALL () {\n  CALL () {\n${body}\n  }\n  RETURN collect(row) AS r${index}\n}`;
  });
  const columns = fragments.map((_, index) => `r${index}`).join(", ");
  return { cypher: `${calls.join("\n")}\nRETURN ${columns}`, params };
}

function columnOf(row: Row | undefined, index: number): Plain[] {
  const value = row?.[`r${index}`];
  return Array.isArray(value) ? value : [];
}
