import type { AssetKind } from "../model/enums.js";

// Shapes of the knowledge search (docs/expert-finder-and-search.md).

/** What a search hit is; the order breaks rank ties. */
export enum SearchKind {
  ASSET = "ASSET",
  LESSON = "LESSON",
  TOPIC = "TOPIC",
  PERSON = "PERSON",
}

export const SEARCH_KINDS: readonly SearchKind[] = Object.values(SearchKind);

export interface SearchFilters {
  kinds?: SearchKind[] | null;
  assetKind?: AssetKind[] | null;
  topic?: string | null;
  orgUnit?: string | null;
  project?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** relevance × quality × reuseFactor × freshness. */
  rank: number;
  relevance: number;
  quality: number;
  /** Projects other than its origin that reused it. */
  reuse: number;
  reuseFactor: number;
  freshness: number;
}
