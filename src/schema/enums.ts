import { registerEnumType } from "type-graphql";
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
