// Who did something, named one way everywhere: the User who recorded a
// sign-off step, a target version, a decision, a measurement, the column map
// or an audit entry. Records keep the user's id; these fields resolve it
// through one batched lookup per request (context.loaders.users).
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../context.type.js";
import { toUser } from "../mappers.js";
import { UserType } from "../types/administration.type.js";
import {
  TargetSignOffType,
  TargetVersionType,
  MeasurementType,
} from "../types/academy-card.type.js";
import { DesignationDecisionType } from "../types/designation-that-counts.type.js";
import { ColumnMapEntryType } from "../types/column-map.type.js";
import { AuditEntryType } from "../types/audit.type.js";

const NOT_A_USER =
  "; null when the record names no user of your trust (a demo seed, the hosting operator).";

async function userOf(context: Context, id: string | null): Promise<UserType | null> {
  if (id === null) return null;
  const row = await context.loaders.users.load(id);
  return row ? toUser(row) : null;
}

/** A resolver class adding the field `name` (a User) to `type`, from the user id `idOf` reads. */
function whoField<T extends object>(
  type: ClassType<T>,
  name: string,
  description: string,
  idOf: (root: T) => string | null,
): ClassType {
  @Resolver(() => type)
  class WhoResolver {
    @FieldResolver(() => UserType, { name, nullable: true, description: description + NOT_A_USER })
    async who(@Root() root: T, @Ctx() context: Context): Promise<UserType | null> {
      return userOf(context, idOf(root));
    }
  }
  return WhoResolver;
}

export const WHO_RESOLVERS = [
  whoField(TargetSignOffType, "by", "Who recorded the step", (root) => root.byId),
  whoField(TargetVersionType, "changedBy", "Who made this version", (root) => root.changedById),
  whoField(MeasurementType, "enteredBy", "Who entered it", (root) => root.enteredById),
  whoField(DesignationDecisionType, "decidedBy", "Who recorded it", (root) => root.decidedById),
  whoField(ColumnMapEntryType, "updatedBy", "Who last saved the map", (root) => root.updatedById),
  whoField(AuditEntryType, "actor", "Who made the change", (root) => root.actorId),
] as const;
