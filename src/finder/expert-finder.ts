import neo4j from "neo4j-driver";
import { cypherFile } from "../db/cypher-files.js";
import type { AnalyticsParams } from "../analytics/params.js";
import type { Database } from "../db/database.js";
import { badInput } from "../errors.js";
import { requireNode } from "../repositories/require-node.js";
import { plainWordsQuery } from "../search/lucene.js";
import { byScore, scoreExpert } from "./score.js";
import type { ExpertEvidenceRow, ExpertMatch } from "./types.js";

export interface ExpertQuery {
  /** A topic id, or… */
  topic?: string | null;
  /** …free text matched against topic names and descriptions. */
  query?: string | null;
  minLevel?: number | null;
  availableOnly?: boolean | null;
  orgUnit?: string | null;
  limit?: number | null;
}

export const DEFAULT_EXPERT_LIMIT = 10;
export const MAX_EXPERT_LIMIT = 100;
/** How many best-matching topics a free-text query searches. */
const QUERY_TOPICS = 5;

/** Who knows a topic, and can they help now (docs/expert-finder-and-search.md). */
export class ExpertFinder {
  constructor(private readonly db: Database) {}

  async find(request: ExpertQuery, params: AnalyticsParams): Promise<ExpertMatch[]> {
    const limit = request.limit ?? DEFAULT_EXPERT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPERT_LIMIT) {
      throw badInput(`limit must be between 1 and ${MAX_EXPERT_LIMIT}, got ${limit}`, [{ path: "limit", message: `must be between 1 and ${MAX_EXPERT_LIMIT}` }]);
    }
    const minLevel = request.minLevel ?? null;
    if (minLevel !== null && !(Number.isInteger(minLevel) && minLevel >= 1 && minLevel <= 5)) {
      throw badInput(`minLevel must be a whole number from 1 to 5, got ${minLevel}`, [{ path: "minLevel", message: "must be 1 to 5" }]);
    }
    if (request.orgUnit != null) await requireNode(this.db, "OrgUnit", request.orgUnit);
    const topics = await this.topicsOf(request);
    if (topics.length === 0) return [];

    const rows = (
      await this.db.read(cypherFile("finder/expert-evidence"), { topics, asOf: params.asOf, unit: request.orgUnit ?? null })
    ).map((row) => row.row as unknown as ExpertEvidenceRow);
    const best = new Map<string, ExpertMatch>();
    for (const row of rows) {
      const match = scoreExpert(row, params);
      if (!match) continue;
      const current = best.get(match.person);
      if (!current || match.score > current.score || (match.score === current.score && match.topic < current.topic)) {
        best.set(match.person, match);
      }
    }
    return [...best.values()]
      .filter((match) => minLevel === null || (match.level !== null && match.level >= minLevel))
      .filter((match) => !request.availableOnly || match.availability > 0)
      .sort(byScore)
      .slice(0, limit);
  }

  private async topicsOf(request: ExpertQuery): Promise<string[]> {
    const hasTopic = request.topic != null;
    const hasQuery = request.query != null;
    if (hasTopic === hasQuery) {
      throw badInput("give either topic or query", [{ path: "topic", message: "give exactly one of topic and query" }]);
    }
    if (hasTopic) {
      await requireNode(this.db, "Topic", request.topic!);
      return [request.topic!];
    }
    const rows = await this.db.read(cypherFile("finder/topics-matching"), {
      query: plainWordsQuery(request.query!, "query"),
      limit: neo4j.int(QUERY_TOPICS),
    });
    return rows.map((row) => String(row.id));
  }
}
