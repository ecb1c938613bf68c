// The GraphQL text of every benchmarked operation (docs/benchmarks.md
// describes them). Dashboard-shaped: what a page or a KM lead asks for in
// one request.

/** One project's page: its team with their expertise, needs, coverage, derived and recorded gaps. */
export const PROJECT_DASHBOARD = /* GraphQL */ `
query ProjectDashboard($id: ID!, $asOf: LocalDate!) {
  project(id: $id) {
    id name status novelty startDate endDate
    orgUnit { id name }
    team(activeOn: $asOf) {
      role allocation
      person { id name expertise(minLevel: 3) { level topic { id name } } }
    }
    needs { level criticality topic { id name } }
    coverage(asOf: $asOf) {
      coverage reachableCoverage
      needs { topic status level teamLevel orgLevel }
    }
    gaps(asOf: $asOf) { id topic source severity targeted }
    knowledgeGaps { id description status criticality activities { id kind phase status } }
  }
}`;

/** The organisation's summary for a strategy meeting: supply and demand, worst gaps, maturity, reuse. */
export const ORGANISATION_OVERVIEW = /* GraphQL */ `
query OrganisationOverview($asOf: LocalDate!) {
  organisation(asOf: $asOf) {
    coverage { demandWithoutSupply topics { topic demand supply } }
    gaps(limit: 20) { id project topic severity targeted }
    maturity { distribution mean }
    reuse {
      assetReuseRate lessonReuseRate reusedAssets reusedLessons totalAssets totalLessons
      lessonsNeverReused(neededOnly: true, limit: 20) { lesson neededBy }
    }
  }
}`;

/** Who knows this topic, and can they help now. */
export const EXPERTS_BY_TOPIC = /* GraphQL */ `
query ExpertsByTopic($topic: ID!, $asOf: LocalDate!) {
  experts(topic: $topic, asOf: $asOf, limit: 10) {
    person { id name orgUnit { id name } }
    score level availability
    parts { declared authored recorded roles }
  }
}`;

/** The same, from free text matched against topic names and descriptions. */
export const EXPERTS_BY_TEXT = /* GraphQL */ `
query ExpertsByText($text: String!, $asOf: LocalDate!) {
  experts(query: $text, asOf: $asOf, limit: 10) {
    person { id name orgUnit { id name } }
    topic score level availability
  }
}`;

/** What other projects have on a need: assets, lessons and experts with their path and score. */
export const REUSE_PATHS = /* GraphQL */ `
query ReusePaths($project: ID!, $topic: ID!, $asOf: LocalDate!) {
  project(id: $project) {
    id
    reusePaths(topic: $topic, asOf: $asOf, limit: 5) {
      kind resource project topic score hops
      factors { quality recency taxonomy kindWeight }
      path { nodes { label id name } relationships { type from to } }
    }
  }
}`;

/** Key-person risk: bottleneck topics, overload, successors, and the truck factor. */
export const BOTTLENECKS_AND_TRUCK_FACTOR = /* GraphQL */ `
query BottlenecksAndTruckFactor($asOf: LocalDate!) {
  organisation(asOf: $asOf) {
    bottlenecks {
      bottlenecks { topic demand busFactor experts }
      keyPersonRisk { person risk }
      load { person load overloaded }
      successors { topic expert candidates { person level } }
    }
    truckFactor { truckFactor totalDemand uncoveredDemand removed { person coveredDemand } }
  }
}`;

// The nested read served by both APIs: a page of projects, each with its
// unit, its team and what they know, its needs with the experts on each and
// their unit, and its recorded gaps with the activities that target them.
// Four levels of relationships: projects → needs → experts → orgUnit. kmgraph
// is asked for pages that hold a generated organisation's lists whole (at S:
// up to 51 experts at level 4 on a topic, 27 topics at level 3 per person,
// 14 in a team, 9 needs, 6 gaps, 8 activities per gap), as the other API
// returns them whole.

/** Relationship levels of the nested read, root list included: kmgraph's bound is depth + 1 statements. */
export const NESTED_READ_DEPTH = 4;

export const NESTED_READ_KMGRAPH = /* GraphQL */ `
query NestedRead($ids: [ID!]!) {
  projects(filter: { ids: $ids }, orderBy: { field: ID, direction: ASC }, first: 100) {
    edges { node {
      id name status startDate
      orgUnit { id name }
      team(first: 50) { role allocation person { id name expertise(minLevel: 3, first: 50) { level topic { id name } } } }
      needs(first: 20) { level criticality topic { id name experts(minLevel: 4, first: 200) { level person { id name orgUnit { id name } } } } }
      knowledgeGaps(first: 20) { id status criticality activities(first: 20) { id kind status } }
    } }
  }
}`;

export const NESTED_READ_NEO4J_GRAPHQL = /* GraphQL */ `
query NestedRead($ids: [ID!]!) {
  projects(where: { id: { in: $ids } }, sort: [{ id: ASC }]) {
    id name status startDate
    orgUnit { id name }
    teamConnection { edges {
      properties { role allocation }
      node { id name expertiseConnection(where: { edge: { level: { gte: 3 } } }) { edges { properties { level } node { id name } } } }
    } }
    needsConnection { edges {
      properties { level criticality }
      node { id name expertsConnection(where: { edge: { level: { gte: 4 } } }) { edges {
        properties { level }
        node { id name orgUnit { id name } }
      } } }
    } }
    knowledgeGaps { id status criticality activities { id kind status } }
  }
}`;

/** Assets, lessons, topics and people matching free text, ranked: the knowledge search box. */
export const KNOWLEDGE_SEARCH = /* GraphQL */ `
query KnowledgeSearch($text: String!, $asOf: LocalDate!) {
  search(text: $text, asOf: $asOf, first: 10) {
    totalCount
    edges { node { id kind title rank relevance quality freshness reuse } }
  }
}`;
