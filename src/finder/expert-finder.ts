import neo4j from "neo4j-driver";
import { AnswerFamily, VersionedAnswers } from "../analytics/answer-cache.js";
import type { AnalyticsParams } from "../analytics/params.js";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import { badInput } from "../errors.js";
import { requireNode } from "../repositories/require-node.js";
import { plainWordsQuery } from "../search/lucene.js";
import { availability, byScore, explain, type ScoredExpert, scoreExpert } from "./score.js";
import {
  ExpertEvidenceKind,
  type ExpertEvidencePiece,
  type ExpertEvidenceRow,
  type ExpertEvidenceTuple,
  type ExpertMatch,
} from "./types.js";

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
/** People whose load is read at a time when only available ones are wanted. */
const LOAD_CHUNK = 100;
/** How many best-matching topics a free-text query searches. */
const QUERY_TOPICS = 5;

/** The request's options, checked and filled in: every one of them makes a different answer. */
interface CheckedQuery {
  readonly topic: string | null;
  /** The Lucene query of the free text (search/lucene.ts). */
  readonly query: string | null;
  readonly minLevel: number | null;
  readonly availableOnly: boolean;
  readonly orgUnit: string | null;
  readonly limit: number;
}

/**
 * Who knows a topic, and can they help now (docs/expert-finder-and-search.md).
 * A ranking depends only on the graph and the options, so it is kept by graph
 * version (src/analytics/answer-cache.ts): a crowd asking about the same
 * topics ranks the organisation once per change.
 */
export class ExpertFinder {
  constructor(
    private readonly db: Database,
    private readonly answers: VersionedAnswers = new VersionedAnswers(db),
  ) {}

  async find(request: ExpertQuery, params: AnalyticsParams): Promise<readonly ExpertMatch[]> {
    const checked = checkQuery(request);
    return this.answers.get(AnswerFamily.EXPERTS, [checked, params], () => this.rank(checked, params));
  }

  private async rank(request: CheckedQuery, params: AnalyticsParams): Promise<ExpertMatch[]> {
    const { limit, minLevel } = request;
    if (request.orgUnit !== null) await requireNode(this.db, "OrgUnit", request.orgUnit);
    const topics = await this.topicsOf(request);
    if (topics.length === 0) return [];

    const rows = (
      await this.db.readRows<ExpertEvidenceTuple>(cypherFile("finder/expert-evidence"), {
        topics,
        asOf: params.asOf,
        unit: request.orgUnit,
        maxHops: params.maxTaxonomyHops,
      })
    ).map(evidenceRowOf);
    const best = new Map<string, ScoredExpert>();
    for (const row of rows) {
      const match = scoreExpert(row, params);
      if (!match) continue;
      const current = best.get(match.person);
      if (!current || match.score > current.score || (match.score === current.score && match.topic < current.topic)) {
        best.set(match.person, match);
      }
    }
    const ranked = [...best.values()]
      .filter((match) => minLevel === null || (match.level !== null && match.level >= minLevel))
      .sort(byScore);
    // Availability does not change the ranking: read the load only of the
    // people that may be returned, in chunks until `limit` are available.
    const found: ExpertMatch[] = [];
    const chunk = request.availableOnly ? Math.max(limit * 4, LOAD_CHUNK) : limit;
    for (let start = 0; start < ranked.length && found.length < limit; start += chunk) {
      const candidates = ranked.slice(start, start + chunk);
      const loads = await this.loads(
        candidates.map((match) => match.person),
        params,
      );
      for (const match of candidates) {
        const available = availability(loads.get(match.person) ?? 0);
        if (request.availableOnly && available <= 0) continue;
        if (found.length < limit) {
          const { row, ...scored } = match;
          found.push({ ...scored, availability: available, evidence: explain(row, params) });
        }
      }
    }
    return found;
  }

  private async loads(people: readonly string[], params: AnalyticsParams): Promise<Map<string, number>> {
    const rows = await this.db.read(cypherFile("finder/person-load"), { people, asOf: params.asOf });
    return new Map(rows.map((row) => [String(row.person), Number(row.load)]));
  }

  private async topicsOf(request: CheckedQuery): Promise<string[]> {
    if (request.topic !== null) {
      await requireNode(this.db, "Topic", request.topic);
      return [request.topic];
    }
    const rows = await this.db.read(cypherFile("finder/topics-matching"), {
      query: request.query,
      limit: neo4j.int(QUERY_TOPICS),
    });
    return rows.map((row) => String(row.id));
  }
}

/** Bad options are refused before anything is read or cached. */
function checkQuery(request: ExpertQuery): CheckedQuery {
  const limit = request.limit ?? DEFAULT_EXPERT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPERT_LIMIT) {
    throw badInput(`limit must be between 1 and ${MAX_EXPERT_LIMIT}, got ${limit}`, [
      { path: "limit", message: `must be between 1 and ${MAX_EXPERT_LIMIT}` },
    ]);
  }
  const minLevel = request.minLevel ?? null;
  if (minLevel !== null && !(Number.isInteger(minLevel) && minLevel >= 1 && minLevel <= 5)) {
    throw badInput(`minLevel must be a whole number from 1 to 5, got ${minLevel}`, [
      { path: "minLevel", message: "must be 1 to 5" },
    ]);
  }
  const hasTopic = request.topic != null;
  if (hasTopic === (request.query != null)) {
    throw badInput("give either topic or query", [{ path: "topic", message: "give exactly one of topic and query" }]);
  }
  return {
    topic: request.topic ?? null,
    query: hasTopic ? null : plainWordsQuery(request.query!, "query"),
    minLevel,
    availableOnly: request.availableOnly ?? false,
    orgUnit: request.orgUnit ?? null,
    limit,
  };
}

function evidenceRowOf([topic, person, name, pieces]: ExpertEvidenceTuple): ExpertEvidenceRow {
  const evidence = pieces.map(([kind, id, pieceTopic, hops, date, ...rest]): ExpertEvidencePiece => {
    const row: ExpertEvidencePiece = { kind, id, topic: pieceTopic, hops, date };
    if (kind === ExpertEvidenceKind.DECLARED) {
      row.level = rest[0] as number;
      row.source = rest[1] as string;
      row.endorsements = rest[2] as number;
    } else if (kind === ExpertEvidenceKind.AUTHORED) row.quality = rest[0] as number | null;
    return row;
  });
  return { topic, person, name, evidence };
}
