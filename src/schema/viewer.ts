import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Role } from "../model/roles.js";

registerEnumType(Role, {
  name: "Role",
  description: "What a caller may do, weakest first: VIEWER, MEMBER, KM_LEAD, ADMIN.",
});

export enum IdentityVia {
  JWT = "jwt",
  API_TOKEN = "api-token",
  NONE = "none",
}
registerEnumType(IdentityVia, {
  name: "IdentityVia",
  description:
    "JWT: a verified bearer JWT; API_TOKEN: KMGRAPH_API_TOKEN; NONE: no credentials (loopback without auth).",
});

@ObjectType({ description: "The caller, as the server recognised them (docs/security.md, Identities)." })
export class Viewer {
  @Field(() => Role, { description: "The strongest of the caller's roles." }) role!: Role;
  @Field(() => [Role]) roles!: Role[];
  @Field(() => IdentityVia) via!: IdentityVia;
  @Field(() => String, { nullable: true, description: "The token's subject (sub)." }) subject!: string | null;
}
