import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";

/** What a MEMBER's write rules need to know about the graph (src/auth/policy.ts, MemberCondition). */
export interface MemberFactsRow {
  readonly recordedBySelf: boolean;
  readonly recordedByOthers: boolean;
  readonly worksOnProject: boolean;
}

export type MemberFacts = (person: string, lesson: string, project: string | null) => Promise<MemberFactsRow>;

/** One parameterised read per question, asked only for a MEMBER's conditional write. */
export function memberFacts(db: Database): MemberFacts {
  const statement = cypherFile("auth/member-facts");
  return async (person, lesson, project) => {
    const [row] = await db.readRows<MemberFactsRow>(statement, { person, lesson, project });
    return row ?? { recordedBySelf: false, recordedByOthers: false, worksOnProject: false };
  };
}
