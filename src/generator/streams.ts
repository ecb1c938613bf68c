/**
 * The generator's independent random streams. Each entity, or each aspect of
 * an entity that others need on its own (a project's team, an asset's
 * producer), draws from the stream (seed, stream, index), so it can be
 * recomputed anywhere without drawing anything else first.
 */
export const S = {
  TopicOrder: 1,
  Taxonomy: 2,
  TopicText: 3,
  Person: 4,
  ProjectCore: 5,
  Needs: 6,
  Team: 7,
  Project: 8,
  AssetCore: 9,
  Asset: 10,
  LessonCore: 11,
  Lesson: 12,
  GapPairs: 13,
  ActivityPairs: 14,
  Gap: 15,
  Activity: 16,
  GapTopics: 17,
} as const;
