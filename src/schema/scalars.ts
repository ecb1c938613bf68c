import { GraphQLDateTimeISO, GraphQLJSONObject, GraphQLLocalDate } from "graphql-scalars";

/** A calendar date, `YYYY-MM-DD`: project dates, due dates, assessments. */
export const LocalDate = GraphQLLocalDate;
/** An instant in UTC, ISO 8601: `createdAt`, `updatedAt`. */
export const DateTime = GraphQLDateTimeISO;
/** A JSON object: the interchange document. */
export const JSONObject = GraphQLJSONObject;
