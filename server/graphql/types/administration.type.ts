// Types for administering trusts, users, tokens and the trust's framework.
import { Authorized, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { Role } from "../../shared/index.js";
import { URNScalar } from "../scalars.js";
import { domainEnum } from "./domain-enum.js";

/** The Role enum: TRUST_ADMIN for "trust-admin" and so on (server/auth/roles.ts ROLES). */
export const RoleEnum = domainEnum<Role>({
  name: "Role",
  description:
    "What a user may do in their trust (the README's roles table): trust admin, data manager, leader and the academy-scoped roles.",
  values: {
    "trust-admin": "Everything in the trust: users, tokens, the framework, evidence and sign-off.",
    "data-manager": "Academies, evidence, measurements, and targets as drafts and proposals.",
    leader: "Reads the whole trust; records reviews and agreements for the boards.",
    governor: "One local board: its academies' cards and designations; records the board's review.",
    academy: "One academy: its evidence, measurements and proposals.",
  },
});

@ObjectType("Trust", { description: "A multi-academy trust hosted by this service." })
export class TrustType {
  @Field(() => ID, { description: "Opaque id." })
  id!: string;

  @Field(() => String, { description: "GIAS group UID or TR and five digits." })
  uid!: string;

  @Field(() => String, { description: "Name of the trust." })
  name!: string;

  @Field(() => String, {
    description: "The framework the trust designates with: a preset key or one of its own.",
  })
  frameworkKey!: string;

  @Field(() => Date, { description: "When the trust was created." })
  createdAt!: Date;
}

@ObjectType("ApiToken", {
  description: "A bearer token of a user: the token itself is shown only when it is issued.",
})
export class ApiTokenType {
  @Field(() => ID, { description: "Opaque id, used to revoke it." })
  id!: string;

  @Field(() => String, { description: 'What it is for ("Excel on Ada\'s laptop").' })
  label!: string;

  @Field(() => Date, { description: "When it was issued." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When it stops working; null for never." })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was revoked; null while it works." })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was last used, if recorded." })
  lastUsedAt!: Date | null;
}

@ObjectType("SignInIdentity", {
  description:
    "The identity provider's stable id of a person, which OIDC sign-in matches (never the email).",
})
export class SignInIdentityType {
  @Field(() => String, {
    description: "The token's issuer; for Microsoft Entra ID the tenant id (tid).",
  })
  issuer!: string;

  @Field(() => String, {
    description: "The token's subject; for Microsoft Entra ID the user's object id (oid).",
  })
  subject!: string;
}

@ObjectType("User", { description: "A person who uses the trust's data, with one role." })
export class UserType {
  @Field(() => ID, { description: "Opaque id." })
  id!: string;

  @Field(() => String, { description: "Their name, as shown in the audit log." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Contact email; not used to sign in." })
  email!: string | null;

  @Field(() => RoleEnum, { description: "What they may do." })
  role!: Role;

  @Field(() => [URNScalar], {
    description: "For academy-scoped roles, the URNs they see; empty for trust-wide roles.",
  })
  academyUrns!: string[];

  @Authorized("manageUsers")
  @Field(() => SignInIdentityType, {
    nullable: true,
    description:
      "Their OIDC sign-in identity; null when they sign in with tokens only. Trust admins only.",
  })
  signIn!: SignInIdentityType | null;

  @Authorized("manageUsers")
  @Field(() => [ApiTokenType], {
    description: "Their tokens, oldest first (never the secret). Trust admins only.",
  })
  tokens!: ApiTokenType[];

  @Field(() => Date, { description: "When the user was added." })
  createdAt!: Date;
}

@ObjectType("IssuedToken", { description: "A token just issued: the secret is shown only now." })
export class IssuedTokenType {
  @Field(() => String, {
    description: "The bearer token (mat_...). Only its hash is kept: copy it now.",
  })
  token!: string;

  @Field(() => ApiTokenType, { description: "The token's record, to revoke it later." })
  record!: ApiTokenType;
}

@ObjectType("CreatedTrust", {
  description: "A new trust and its first trust admin, whose token is shown only now.",
})
export class CreatedTrustType {
  @Field(() => TrustType, { description: "The trust." })
  trust!: TrustType;

  @Field(() => ID, { description: "The first trust admin's user id." })
  adminUserId!: string;

  @Field(() => String, {
    description: "The first trust admin's bearer token. Only its hash is kept: hand it over now.",
  })
  adminToken!: string;

  @Field(() => Date, { nullable: true, description: "When that token expires." })
  adminTokenExpiresAt!: Date | null;
}

@InputType({ description: "A new trust and its first trust admin." })
export class CreateTrustInput {
  @Field(() => String, { description: "GIAS group UID or TR and five digits (TR12345)." })
  uid!: string;

  @Field(() => String, { description: "Name of the trust, 1 to 200 characters." })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "A preset framework key; phase-model when left out.",
  })
  frameworkKey?: string | null;

  @Field(() => String, { description: "The first trust admin's name." })
  adminName!: string;

  @Field(() => String, { nullable: true, description: "The first trust admin's contact email." })
  adminEmail?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Days the first admin's token lasts, 1 to 730 (default 30).",
  })
  tokenDays?: number | null;
}

@InputType({
  description:
    "An identity provider's id of a person: issuer and subject (Microsoft Entra ID: tenant id and object id). Both empty unlinks.",
})
export class SignInIdentityInput {
  @Field(() => String, { description: "Issuer; for Microsoft Entra ID the tenant id." })
  issuer!: string;

  @Field(() => String, { description: "Subject; for Microsoft Entra ID the object id." })
  subject!: string;
}

@InputType({ description: "A user's details. Left-out fields are unchanged when updating." })
export class UserInput {
  @Field(() => String, { nullable: true, description: "Their name, 1 to 200 characters." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Contact email; empty clears it." })
  email?: string | null;

  @Field(() => RoleEnum, { nullable: true, description: "What they may do." })
  role?: Role | null;

  @Field(() => [URNScalar], {
    nullable: true,
    description: "URNs an academy-scoped user sees (required for those roles).",
  })
  academyUrns?: string[] | null;

  @Field(() => SignInIdentityInput, {
    nullable: true,
    description: "Their OIDC sign-in identity.",
  })
  signIn?: SignInIdentityInput | null;
}
