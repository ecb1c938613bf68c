import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Role } from "../model/roles.js";
import type * as audit from "../repositories/audit.js";
import { AuditOutcome } from "../repositories/audit.js";
import { connectionType } from "./pagination.js";
import { DateTime } from "./scalars.js";
import "./viewer.js"; // registers Role

// The audit trail as the API shows it; each class implements its type in
// src/repositories/audit.ts, so a field on one side only fails the typecheck.

registerEnumType(AuditOutcome, {
  name: "AuditOutcome",
  description: "OK: committed. FAILED: ran and failed, nothing committed. DENIED: the role may not; nothing ran.",
});

@ObjectType({ description: "Who made a recorded write: the identity, never an e-mail address or a token." })
export class AuditActor implements audit.AuditActor {
  @Field(() => Role) role!: Role;
  @Field(() => String, { description: "jwt, api-token or none (no credentials: loopback, or a command)." })
  via!: string;
  @Field(() => String, {
    nullable: true,
    description: "The token's subject (sub); for a command, the operating-system account that ran it.",
  })
  subject!: string | null;
  @Field(() => ID, { nullable: true, description: "The caller's person, when the token names one." })
  personId!: string | null;
}

@ObjectType({ description: "What a write changed, counted per label or relationship type." })
export class AuditCount implements audit.AuditCount {
  @Field(() => String, { description: "A label (Project) or a relationship type (WORKS_ON)." }) subject!: string;
  @Field(() => String, { description: "created, updated, unchanged, deleted, removed, replaced, detached OUT|IN." })
  change!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "One recorded write: a mutation field, or a command such as import." })
export class AuditEntry implements audit.AuditEntry {
  @Field(() => ID) id!: string;
  @Field(() => DateTime) at!: string;
  @Field(() => AuditActor) actor!: AuditActor;
  @Field(() => String, { description: "The mutation field (createProject) or the command (import)." })
  operation!: string;
  @Field(() => AuditOutcome) outcome!: AuditOutcome;
  @Field(() => String, { nullable: true, description: "The error code when the outcome is not OK." })
  errorCode!: string | null;
  @Field(() => [ID], { description: "The first 100 ids the write named." }) targetIds!: string[];
  @Field(() => Int, { description: "How many ids the write named in all." }) targetCount!: number;
  @Field(() => [AuditCount]) counts!: AuditCount[];
  @Field(() => String, { nullable: true, description: "The HTTP request's id, when the server assigns one." })
  requestId!: string | null;
}

export const AuditEntryConnection = connectionType(AuditEntry, "AuditEntry");

@InputType({ description: "Every given field must match." })
export class AuditFilter implements audit.AuditFilter {
  @Field(() => String, { nullable: true, description: "A mutation field or command name, exactly." })
  operation?: string | null;
  @Field(() => AuditOutcome, { nullable: true }) outcome?: AuditOutcome | null;
  @Field(() => ID, { nullable: true }) actorPersonId?: string | null;
  @Field(() => DateTime, { nullable: true, description: "Recorded at or after this time." }) from?: Date | null;
  @Field(() => DateTime, { nullable: true, description: "Recorded before this time." }) to?: Date | null;
}
