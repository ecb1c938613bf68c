/**
 * The prose of generated entities: titles, descriptions and lesson texts,
 * filled from templates with topic and place names. Only for realism; nothing
 * in the analytics reads it.
 */
import type { Rng } from "./random.js";
import { inSentence, PLACES } from "./words.js";

const PROJECT_KINDS = [
  "Pilot",
  "Scale-up",
  "Baseline study",
  "Capacity building",
  "Rehabilitation",
  "Assessment",
  "Roll-out",
  "Programme",
];

export function projectName(rng: Rng, topic: string): { name: string; description: string } {
  const kind = rng.pick(PROJECT_KINDS);
  const place = rng.pick(PLACES);
  return {
    name: `${kind}: ${topic} in ${place}`,
    description: `${kind} of ${inSentence(topic)} in ${place}, with partners and local authorities.`,
  };
}

const ASSET_TITLES: Record<string, readonly string[]> = {
  DOCUMENT: ["Technical note on", "Briefing paper on", "Design report:"],
  DATASET: ["Survey data:", "Monitoring dataset on", "Baseline data for"],
  TOOLKIT: ["Toolkit for", "Templates and checklists for"],
  GUIDE: ["Practical guide to", "Field guide to", "How-to guide:"],
  CASE_STUDY: ["Case study:", "What worked in"],
  TRAINING: ["Training module on", "Course materials:"],
  VIDEO: ["Video walkthrough of", "Recorded webinar on"],
  OTHER: ["Notes on", "Collected material on"],
};

export function assetTitle(rng: Rng, kind: string, topic: string): string {
  return `${rng.pick(ASSET_TITLES[kind] ?? ASSET_TITLES.OTHER!)} ${inSentence(topic)}`;
}

const EVENTS = [
  "The supplier delivered late and the team had to re-plan the work on",
  "A field visit showed that the design assumptions about",
  "Partners disagreed on the approach to",
  "The baseline survey revealed unexpected results on",
  "A key specialist left the project while working on",
  "Budget cuts forced the team to simplify its approach to",
  "Community feedback challenged the plan for",
  "A peer assist with another team changed how we handled",
];

const POSITIVE = [
  "Involving local staff early made the work on {t} faster and cheaper.",
  "A short checklist kept the quality of {t} consistent across sites.",
  "Reusing an earlier project's material on {t} saved weeks of work.",
];

const NEGATIVE = [
  "We underestimated the time needed for {t}.",
  "Decisions on {t} were taken without the people who knew the context.",
  "Nobody owned {t}, so problems were found late.",
];

const RECOMMENDATIONS = [
  "Plan a peer assist on {t} before the project starts.",
  "Name one person responsible for {t} and give them time for it.",
  "Budget a review of {t} at mid-term.",
  "Write down what was learned about {t} in the project guide.",
];

export function lessonText(
  rng: Rng,
  topic: string,
  positive: boolean,
): { title: string; drivingEvent: string; lesson: string; recommendation: string } {
  const t = inSentence(topic);
  const lesson = rng.pick(positive ? POSITIVE : NEGATIVE).replace("{t}", t);
  return {
    title: `${positive ? "What worked" : "What to avoid"}: ${t}`,
    drivingEvent: `${rng.pick(EVENTS)} ${t}.`,
    lesson,
    recommendation: rng.pick(RECOMMENDATIONS).replace("{t}", t),
  };
}

const LEVEL_WORDS = ["awareness", "working", "practitioner", "expert", "authority"];

export function gapDescription(topic: string, level: number | null): string {
  const t = inSentence(topic);
  return level === null
    ? `The team has not yet assessed what it needs to know about ${t}.`
    : `The team lacks ${LEVEL_WORDS[level - 1]}-level knowledge of ${t}.`;
}

export function topicDescription(rng: Rng, name: string, level: number): string {
  const t = inSentence(name);
  if (level === 0) return `Everything the organisation knows about ${t}.`;
  return rng.pick([
    `Methods, tools and experience in ${t}.`,
    `Designing, delivering and improving ${t}.`,
    `Practical know-how on ${t}, from planning to handover.`,
  ]);
}
