/**
 * The one door to kmgraph's code. Values come from the build in dist/ (what
 * `npm start` runs; `npm run bench` builds it first), types from src/:
 *
 * - one copy of the code is loaded, so type-graphql's decorators register
 *   their metadata once and there is one graphql module;
 * - dist/paths.js finds cypher/ (migrations, analytics queries) one folder
 *   above itself, which a copy compiled under bench/.build/ would not.
 *
 * The `import type` lines are erased from the output: nothing of src/ is loaded.
 */

import type * as Authenticator from "../../src/auth/authenticator.js";
import type * as Authorization from "../../src/auth/authorization.js";
import type * as BulkImport from "../../src/bulk/bulk-import.js";
import type * as Config from "../../src/config.js";
import type * as ContextModule from "../../src/context/context.js";
import type * as Connect from "../../src/db/connect.js";
import type * as Values from "../../src/db/values.js";
import type * as Sizes from "../../src/generator/sizes.js";
import type * as Write from "../../src/generator/write.js";
import type * as Entities from "../../src/model/entities.js";
import type * as Enums from "../../src/model/enums.js";
import type * as Paths from "../../src/paths.js";
import type * as QueryCost from "../../src/server/query-cost.js";
import type * as RequestLimits from "../../src/server/request-limits.js";
import type * as Schema from "../../src/server/schema.js";

export type { BulkProgress } from "../../src/bulk/bulk-import.js";
export type { Neo4jConfig } from "../../src/config.js";
export type { Connection } from "../../src/db/connect.js";
export type { Database } from "../../src/db/database.js";
export type { Plain } from "../../src/db/values.js";
export type { SizeName } from "../../src/generator/sizes.js";
export type { GenerationStats } from "../../src/generator/write.js";

/** This file runs as bench/.build/bench/src/kmgraph.js: dist/ is four folders up. */
const DIST = new URL("../../../../dist/", import.meta.url);

async function fromDist<T>(path: string): Promise<T> {
  return (await import(new URL(path, DIST).href)) as T;
}

export const { connect } = await fromDist<typeof Connect>("db/connect.js");
export const enums = await fromDist<typeof Enums>("model/enums.js");
export const { LABELS } = await fromDist<typeof Entities>("model/entities.js");
export const { SIZES, isSizeName, SIZE_NAMES, totalEntities } = await fromDist<typeof Sizes>("generator/sizes.js");
export const { writeOrganisation } = await fromDist<typeof Write>("generator/write.js");
export const { bulkImport } = await fromDist<typeof BulkImport>("bulk/bulk-import.js");
export const { kmgraphSchema } = await fromDist<typeof Schema>("server/schema.js");
export const { createContext } = await fromDist<typeof ContextModule>("context/context.js");
export const { armorProtection } = await fromDist<typeof RequestLimits>("server/request-limits.js");
export const { operationCost } = await fromDist<typeof QueryCost>("server/query-cost.js");
export const { DEFAULT_HTTP_SETTINGS, DEFAULT_REQUEST_LIMITS, jwtConfig, loadConfig } =
  await fromDist<typeof Config>("config.js");
export const { toPlain } = await fromDist<typeof Values>("db/values.js");
export const { createAuthenticator } = await fromDist<typeof Authenticator>("auth/authenticator.js");
export const { deniedUses } = await fromDist<typeof Authorization>("auth/authorization.js");
export const { PROJECT_ROOT } = await fromDist<typeof Paths>("paths.js");
