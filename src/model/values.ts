import { z } from "zod";

// Value schemas shared by every property of the model, so a level, a date or an
// id is checked the same way in a mutation and in an imported document.

export const Id = z.string().trim().min(1, "an id must not be empty").max(200, "an id has at most 200 characters");

export const Name = z.string().trim().min(1, "must not be empty").max(500);
export const Text = z.string().max(20_000);

/** A calendar date, ISO 8601 `YYYY-MM-DD`. */
export const IsoDate = z.iso.date({ message: "must be a date written YYYY-MM-DD" });

/** Knowledge levels: 1 awareness, 2 working, 3 practitioner, 4 expert, 5 authority. */
export const Level = z.number().int("must be a whole number").min(1).max(5);
export const Quality = z.number().int("must be a whole number").min(1).max(5);
export const Allocation = z.number().min(0).max(1);
export const Count = z.number().int("must be a whole number").min(0);
export const Url = z.url({ message: "must be a URL" });
export const Email = z.email({ message: "must be an e-mail address" });

/** Optional property: absent, or null to clear it. */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish();
}
