import { AnalyticsService } from "../analytics/analytics-service.js";
import { VersionedAnswers } from "../analytics/answer-cache.js";
import { type Identity, LOCAL_IDENTITY } from "../auth/identity.js";
import { type MemberFacts, memberFacts } from "../auth/member-facts.js";
import type { Database } from "../db/database.js";
import { QueryBatcher } from "../db/query-batcher.js";
import { ExpertFinder } from "../finder/expert-finder.js";
import { ExpertiseInference } from "../inference/expertise-inference.js";
import { InterchangeService } from "../interchange/interchange-service.js";
import { Loaders } from "../loaders/loaders.js";
import { ReviewService } from "../review/review-service.js";
import { KnowledgeSearch } from "../search/knowledge-search.js";
import { AuditService } from "../services/audit-service.js";
import { GraphService } from "../services/graph-service.js";

/** What every resolver receives; loaders are new for each request, so their caches never go stale. */
export interface Context {
  /** Who asked; src/server/authorization.ts checks it against src/auth/policy.ts before anything runs. */
  readonly identity: Identity;
  /** What a MEMBER's conditional writes ask of the graph. */
  readonly memberFacts: MemberFacts;
  readonly loaders: Loaders;
  readonly graph: GraphService;
  readonly interchange: InterchangeService;
  readonly analytics: AnalyticsService;
  readonly finder: ExpertFinder;
  readonly search: KnowledgeSearch;
  readonly inference: ExpertiseInference;
  readonly review: ReviewService;
  /** The audit trail: src/server/audit.ts records each mutation in it; `auditLog` reads it. */
  readonly audit: AuditService;
  /** The HTTP request's id, written into its audit entries; set by whoever serves HTTP. */
  readonly requestId?: string | null;
}

/**
 * `identity` defaults to the local administrator: the CLI and the tests run
 * on the machine that holds the database, and check no credentials.
 */
export function createContext(db: Database, identity: Identity = LOCAL_IDENTITY): Context {
  // One version read per request, whichever cached answer it asks for first.
  const answers = new VersionedAnswers(db);
  return {
    identity,
    memberFacts: memberFacts(db),
    loaders: new Loaders(new QueryBatcher(db)),
    graph: new GraphService(db),
    interchange: new InterchangeService(db),
    analytics: new AnalyticsService(db, answers),
    finder: new ExpertFinder(db, answers),
    search: new KnowledgeSearch(db, answers),
    inference: new ExpertiseInference(db),
    review: new ReviewService(db),
    audit: new AuditService(db),
  };
}
