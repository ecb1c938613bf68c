import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { prefetchKey } from "./prefetch-key.js";
import { TRAVERSALS } from "./traversals.js";

/**
 * Lets every relationship field answer a value its parent already holds (a
 * nested read walked it in the parent's statement, see nodeShape) straight
 * from the parent, before type-graphql's resolver pipeline: that pipeline
 * copies the parent into a class instance and resolves arguments through a
 * promise, for every parent of a list. The value is returned as it is, so
 * graphql-js completes the whole prefetched tree without a promise; the
 * field's resolver runs only for parents read without it.
 */
export function servePrefetched(schema: GraphQLSchema): void {
  for (const [typeName, traversals] of Object.entries(TRAVERSALS)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`no object type ${typeName} for its traversals`);
    const fields = type.getFields();
    for (const fieldName of Object.keys(traversals)) {
      const field = fields[fieldName];
      if (!field?.resolve) throw new Error(`${typeName}.${fieldName} has no resolver to walk its relationship`);
      field.resolve = prefetchedFirst(field.resolve);
    }
  }
}

function prefetchedFirst(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (parent, args, context, info) => {
    const value = (parent as Record<string, unknown>)[prefetchKey(info.path.key as string)];
    return value !== undefined ? value : resolve(parent, args, context, info);
  };
}
