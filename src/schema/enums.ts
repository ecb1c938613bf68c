import { registerEnumType } from "type-graphql";
import { LABELS } from "../model/entities.js";
import {
  ActivityKind,
  ActivityStatus,
  AssetKind,
  Criticality,
  GapStatus,
  KnowledgeSource,
  LessonStatus,
  Novelty,
  Outcome,
  Phase,
  ProjectStatus,
  SortDirection,
} from "../model/enums.js";
import { RELATION_LIST } from "../model/relations.js";

registerEnumType(ProjectStatus, {
  name: "ProjectStatus",
  description: "PLANNED and ACTIVE projects are the active ones.",
});
registerEnumType(Novelty, { name: "Novelty", description: "How new the project's work is to the organisation." });
registerEnumType(AssetKind, { name: "AssetKind" });
registerEnumType(Outcome, {
  name: "Outcome",
  description: "Whether a lesson comes from something that went well or badly.",
});
registerEnumType(Phase, { name: "Phase", description: "Before, during or after the project." });
registerEnumType(LessonStatus, {
  name: "LessonStatus",
  description: "A lesson is LEARNED only once something changed because of it.",
});
registerEnumType(GapStatus, { name: "GapStatus" });
registerEnumType(Criticality, { name: "Criticality", description: "Weights: LOW 1, MEDIUM 2, HIGH 3, CRITICAL 5." });
registerEnumType(ActivityKind, { name: "ActivityKind" });
registerEnumType(ActivityStatus, { name: "ActivityStatus", description: "CANCELLED activities count for nothing." });
registerEnumType(KnowledgeSource, { name: "KnowledgeSource", description: "Who assessed a level of knowledge." });
registerEnumType(SortDirection, { name: "SortDirection" });

/** An enum object (`{ Project: "Project", … }`) of a list the model declares, so that it cannot drift from the model. */
function enumOf(values: readonly string[]): Record<string, string> {
  return Object.fromEntries([...new Set(values)].map((value) => [value, value]));
}

/** The model's node labels. */
export const NodeLabel = enumOf(LABELS);
registerEnumType(NodeLabel, { name: "NodeLabel", description: "A node label of the model." });

/** The model's relationship types. */
export const RelationshipType = enumOf(RELATION_LIST.map((relation) => relation.type));
registerEnumType(RelationshipType, {
  name: "RelationshipType",
  description: "A relationship type of the model; two relations can share one (ABOUT).",
});

/** The API names of the model's relations. */
export const RelationName = enumOf(RELATION_LIST.map((relation) => relation.key));
registerEnumType(RelationName, {
  name: "RelationName",
  description: "A relation's name in the API, as in link<Name> and unlink<Name>.",
});

export {
  ActivityKind,
  ActivityStatus,
  AssetKind,
  Criticality,
  GapStatus,
  KnowledgeSource,
  LessonStatus,
  Novelty,
  Outcome,
  Phase,
  ProjectStatus,
  SortDirection,
};
