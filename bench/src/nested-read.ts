import type { Runnable } from "./apis.js";

// The two APIs answer the nested read in different shapes: kmgraph wraps the
// page in edges/node, has to-one fields (orgUnit) and puts relationship
// properties beside the node (`{ role, person }`); @neo4j/graphql has lists
// only and `xConnection { edges { properties node } }`. Both are brought to
// one canonical form, lists sorted, and must be equal before anything is timed.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** The nested read's data from kmgraph, in canonical form. */
export function canonicalFromKmgraph(data: Record<string, unknown>): Json {
  const page = (data as { projects: { edges: { node: Obj }[] } }).projects;
  return sorted(
    page.edges.map(({ node }) => ({
      ...node,
      orgUnit: toList(node.orgUnit),
      needs: (node.needs as Obj[]).map((need) => {
        const topic = need.topic as Obj;
        const experts = (topic.experts as Obj[]).map((expert) => {
          const person = expert.person as Obj;
          return { ...expert, person: { ...person, orgUnit: toList(person.orgUnit) } };
        });
        return { ...need, topic: { ...topic, experts } };
      }),
    })),
  );
}

/** The nested read's data from @neo4j/graphql, in canonical form. */
export function canonicalFromNeo4jGraphql(data: Record<string, unknown>): Json {
  const projects = (data as { projects: Obj[] }).projects;
  return sorted(
    projects.map(({ teamConnection, needsConnection, ...project }) => ({
      ...project,
      team: edgesOf(teamConnection).map(({ properties, node: { expertiseConnection, ...person } }) => ({
        ...(properties as Obj),
        person: {
          ...person,
          expertise: edgesOf(expertiseConnection).map(({ properties: p, node }) => ({ ...(p as Obj), topic: node })),
        },
      })),
      needs: edgesOf(needsConnection).map(({ properties, node: { expertsConnection, ...topic } }) => ({
        ...(properties as Obj),
        topic: {
          ...topic,
          experts: edgesOf(expertsConnection).map(({ properties: p, node }) => ({ ...(p as Obj), person: node })),
        },
      })),
    })),
  );
}

function toList(value: Json | undefined): Json[] {
  return value === null || value === undefined ? [] : [value];
}

function edgesOf(connection: Json | undefined): { properties: Json; node: Obj }[] {
  return (connection as { edges: { properties: Json; node: Obj }[] }).edges;
}

/** Every list sorted by its elements' canonical text, every object by key: order carries no meaning here. */
function sorted(value: Json): Json {
  if (Array.isArray(value)) {
    return value
      .map(sorted)
      .map((item) => [JSON.stringify(item), item] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, item]) => item);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted(value[key]!)]),
    );
  }
  return value;
}

/** The path and both values of the first place where two canonical values differ, or null. */
export function firstDifference(a: Json, b: Json, path = "$"): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${path}: ${a.length} items against ${b.length}`;
      const inner = firstDifference(a[i]!, b[i]!, `${path}[${i}]`);
      if (inner) return inner;
    }
    return null;
  }
  if (
    a !== null &&
    b !== null &&
    typeof a === "object" &&
    typeof b === "object" &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const inner = firstDifference(a[key] ?? null, b[key] ?? null, `${path}.${key}`);
      if (inner) return inner;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} against ${JSON.stringify(b)}`;
}

/** Nodes (objects with an id) in a canonical value: the size of an answer. */
export function countNodes(value: Json): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countNodes(item), 0);
  if (value !== null && typeof value === "object") {
    const own = typeof value.id === "string" ? 1 : 0;
    return own + Object.values(value).reduce<number>((sum, item) => sum + countNodes(item), 0);
  }
  return 0;
}

/**
 * Runs every page of the nested read once on both APIs and fails loudly
 * unless they return the same data. Returns the nodes per page.
 */
export async function checkSameAnswers(
  kmgraph: Runnable,
  neo4jGraphql: Runnable,
  pages: readonly (readonly string[])[],
  floor?: Runnable,
): Promise<number[]> {
  const sizes: number[] = [];
  for (const ids of pages) {
    const ours = canonicalFromKmgraph(await kmgraph({ ids }));
    const theirs = canonicalFromNeo4jGraphql(await neo4jGraphql({ ids }));
    const difference = firstDifference(ours, theirs);
    if (difference) {
      throw new Error(
        `the nested read differs between kmgraph and @neo4j/graphql for projects ${ids.join(", ")}: ${difference}`,
      );
    }
    // The floor answers in kmgraph's shape.
    const floorDifference = floor ? firstDifference(ours, canonicalFromKmgraph(await floor({ ids }))) : null;
    if (floorDifference) {
      throw new Error(
        `the nested read differs between kmgraph and the hand-written Cypher for projects ${ids.join(", ")}: ${floorDifference}`,
      );
    }
    if (!Array.isArray(ours) || ours.length !== ids.length) {
      throw new Error(
        `the nested read returned ${Array.isArray(ours) ? ours.length : "no"} projects for ${ids.length} ids`,
      );
    }
    sizes.push(countNodes(ours));
  }
  return sizes;
}
