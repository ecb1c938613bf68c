const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Where a walked value sits in a node record. GraphQL names cannot hold `@`,
 * so it never meets a stored property or a field the API serves.
 */
export function prefetchKey(responseKey: string): string {
  let key = prefetchKeys.get(responseKey);
  if (key === undefined) {
    if (!GRAPHQL_NAME.test(responseKey)) throw new Error(`"${responseKey}" is not a GraphQL name`);
    key = `@${responseKey}`;
    if (prefetchKeys.size < 1000) prefetchKeys.set(responseKey, key);
  }
  return key;
}

// Asked once per parent of every relationship field: worked out once per name
// (of the first thousand: clients choose aliases).
const prefetchKeys = new Map<string, string>();
