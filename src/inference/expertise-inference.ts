import type { AnalyticsParams } from "../analytics/params.js";
import { cypherFile } from "../db/cypher-files.js";
import type { Database, Row, WriteTransaction } from "../db/database.js";
import { toNeo4jProperties } from "../db/values.js";
import { KnowledgeSource } from "../model/enums.js";
import { RELATIONS } from "../model/relations.js";
import { proposeExpertise } from "./evidence.js";
import {
  type AppliedCounts,
  type AppliedInference,
  type ExpertiseEvidenceRow,
  type ExpertiseProposal,
  type InferenceResult,
  ProposalAction,
} from "./types.js";

/** Rows per UNWIND statement when applying. */
export const INFERENCE_BATCH = 1000;

const evidenceCypher = () => cypherFile("inference/evidence");

// The writes of apply. Each re-checks, inside the transaction, what the
// proposal was based on: a declared KNOWS edge (any source but INFERRED) that
// exists by now wins and the row is skipped, a person no longer active is
// skipped, and only INFERRED edges are ever deleted.

const UPSERT = `UNWIND $rows AS row
MATCH (x:Person {id: row.person}), (t:Topic {id: row.topic})
WHERE x.active = true
OPTIONAL MATCH (x)-[old:KNOWS]->(t)
WITH x, t, row, collect(old) AS existing
WHERE none(k IN existing WHERE coalesce(k.source, '') <> $inferred)
WITH x, t, row,
     CASE WHEN size(existing) = 0 THEN 'created'
          WHEN any(k IN existing WHERE k.level <> row.props.level) THEN 'updated'
          ELSE 'unchanged' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  MERGE (x)-[k:KNOWS]->(t)
  SET k = row.props)
RETURN sum(CASE WHEN outcome = 'created' THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN outcome = 'updated' THEN 1 ELSE 0 END) AS updated`;

const REMOVE = `UNWIND $rows AS row
MATCH (:Person {id: row.person})-[k:KNOWS]->(:Topic {id: row.topic})
WHERE k.source = $inferred
WITH row, collect(k) AS edges
FOREACH (k IN edges | DELETE k)
RETURN count(row) AS removed`;

/**
 * "Expertise from evidence" (docs/expertise-inference.md): proposes INFERRED
 * KNOWS edges from authorship and project roles, never touching a declared
 * edge, and applies the proposals on request. The evidence is fetched in one
 * statement (cypher/inference/evidence.cypher); the rules are pure TypeScript
 * (./evidence.ts).
 */
export class ExpertiseInference {
  constructor(private readonly db: Database) {}

  /** What apply would do now; writes nothing. */
  async propose(params: Pick<AnalyticsParams, "asOf">): Promise<InferenceResult> {
    return proposeExpertise(evidenceRows(await this.db.read(evidenceCypher(), { asOf: params.asOf })), params.asOf);
  }

  /**
   * Proposes and writes, in one write transaction: the evidence is read inside
   * it, CREATE and UPDATE set `{level, source: INFERRED, endorsements: 0,
   * assessedAt: asOf}`, REMOVE deletes the INFERRED edge. Either everything is
   * written or nothing. The transaction may be retried by the driver on a
   * transient failure, which is safe: it computes everything again.
   */
  async apply(params: Pick<AnalyticsParams, "asOf">): Promise<AppliedInference> {
    return this.db.write(async (tx) => {
      const result = proposeExpertise(evidenceRows(await tx.run(evidenceCypher(), { asOf: params.asOf })), params.asOf);
      const applied = await writeProposals(tx, result.proposals, params.asOf);
      return { ...result, applied };
    });
  }
}

function evidenceRows(rows: readonly Row[]): ExpertiseEvidenceRow[] {
  return rows.map((row) => row.row as unknown as ExpertiseEvidenceRow);
}

async function writeProposals(
  tx: WriteTransaction,
  proposals: readonly ExpertiseProposal[],
  asOf: string,
): Promise<AppliedCounts> {
  const upserts = proposals
    .filter((p) => p.action !== ProposalAction.REMOVE)
    .map((p) => ({
      person: p.person,
      topic: p.topic,
      props: toNeo4jProperties(
        { level: p.level, source: KnowledgeSource.INFERRED, endorsements: 0, assessedAt: asOf },
        RELATIONS.Knows,
      ),
    }));
  const removals = proposals
    .filter((p) => p.action === ProposalAction.REMOVE)
    .map((p) => ({ person: p.person, topic: p.topic }));
  let created = 0;
  let updated = 0;
  let removed = 0;
  for (const rows of batches(upserts)) {
    const [row] = await tx.run(UPSERT, { rows, inferred: KnowledgeSource.INFERRED });
    created += Number(row?.created ?? 0);
    updated += Number(row?.updated ?? 0);
  }
  for (const rows of batches(removals)) {
    const [row] = await tx.run(REMOVE, { rows, inferred: KnowledgeSource.INFERRED });
    removed += Number(row?.removed ?? 0);
  }
  return { created, updated, removed, skipped: proposals.length - created - updated - removed };
}

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += INFERENCE_BATCH) yield rows.slice(start, start + INFERENCE_BATCH);
}
