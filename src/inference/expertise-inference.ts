import type { AnalyticsParams } from "../analytics/params.js";
import { cypherFile } from "../db/cypher-files.js";
import { type Database, readRows, type WriteTransaction } from "../db/database.js";
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
    return proposeExpertise(
      await this.db.readRows<ExpertiseEvidenceRow>(cypherFile("inference/evidence"), { asOf: params.asOf }),
      params.asOf,
    );
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
      const result = proposeExpertise(
        await readRows<ExpertiseEvidenceRow>(tx, cypherFile("inference/evidence"), { asOf: params.asOf }),
        params.asOf,
      );
      const applied = await writeProposals(tx, result.proposals, params.asOf);
      return { ...result, applied };
    });
  }
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
    const [row] = await tx.run(cypherFile("inference/upsert-inferred"), { rows, inferred: KnowledgeSource.INFERRED });
    created += Number(row?.created ?? 0);
    updated += Number(row?.updated ?? 0);
  }
  for (const rows of batches(removals)) {
    const [row] = await tx.run(cypherFile("inference/remove-inferred"), { rows, inferred: KnowledgeSource.INFERRED });
    removed += Number(row?.removed ?? 0);
  }
  return { created, updated, removed, skipped: proposals.length - created - updated - removed };
}

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += INFERENCE_BATCH) yield rows.slice(start, start + INFERENCE_BATCH);
}
