// Administration: the hosting operator creates trusts (and their first trust
// admin); a trust admin manages users, their tokens and the trust's framework.
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context.type.js";
import {
  ApiTokenType,
  CreateTrustInput,
  CreatedTrustType,
  IssuedTokenType,
  TrustType,
  UserInput,
  UserType,
} from "../types/administration.type.js";
import { toUser } from "../mappers.js";
import type { UserInput as ServiceUserInput } from "../../services/administration.service.js";

const toServiceInput = (input: UserInput): ServiceUserInput => ({
  name: input.name,
  email: input.email,
  role: input.role,
  academyUrns: input.academyUrns,
  oidcIssuer: input.signIn ? input.signIn.issuer : undefined,
  oidcSubject: input.signIn ? input.signIn.subject : undefined,
});

@Resolver()
export class AdministrationResolver {
  @Authorized("operate")
  @Query(() => [TrustType], {
    description:
      "Every hosted trust (the hosting operator only): UID, name and framework, no data.",
  })
  async trusts(@Ctx() { services }: Context): Promise<TrustType[]> {
    return services.administration.trusts();
  }

  @Authorized("operate")
  @Mutation(() => CreatedTrustType, {
    description:
      "Creates a trust and its first trust admin (the hosting operator only). The admin's token is in the answer, once.",
  })
  async createTrust(
    @Arg("input", () => CreateTrustInput, { description: "The trust and its first admin." })
    input: CreateTrustInput,
    @Ctx() { services, operator }: Context,
  ): Promise<CreatedTrustType> {
    const created = await services.administration.createTrust(operator, input);
    return {
      trust: created.trust,
      adminUserId: created.adminUserId,
      adminToken: created.token.token,
      adminTokenExpiresAt: created.token.expiresAt,
    };
  }

  @Authorized("manageUsers")
  @Query(() => [UserType], { description: "The users of your trust, by name, with their tokens." })
  async users(@Ctx() { viewer, services }: Context): Promise<UserType[]> {
    return (await services.administration.users(viewer!)).map(toUser);
  }

  @Authorized("manageUsers")
  @Mutation(() => UserType, {
    description: "Adds a user to your trust with a name, a role and (for academy roles) URNs.",
  })
  async createUser(
    @Arg("input", () => UserInput, { description: "Name and role are required." })
    input: UserInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<UserType> {
    return toUser(await services.administration.createUser(viewer!, toServiceInput(input)));
  }

  @Authorized("manageUsers")
  @Mutation(() => UserType, {
    description: "Changes a user's name, email, role, academies or sign-in identity; audited.",
  })
  async updateUser(
    @Arg("id", () => ID, { description: "The user." }) id: string,
    @Arg("input", () => UserInput, { description: "The fields to change." }) input: UserInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<UserType> {
    return toUser(await services.administration.updateUser(viewer!, id, toServiceInput(input)));
  }

  @Authorized("manageUsers")
  @Mutation(() => IssuedTokenType, {
    description: "Issues a token for a user of your trust; the token is in the answer, once.",
  })
  async issueToken(
    @Arg("userId", () => ID, { description: "The user." }) userId: string,
    @Arg("label", () => String, { defaultValue: "", description: "What it is for." })
    label: string,
    @Arg("days", () => Int, { defaultValue: 365, description: "Days it lasts, 1 to 730." })
    days: number,
    @Ctx() { viewer, services }: Context,
  ): Promise<IssuedTokenType> {
    const { issued, token } = await services.administration.issueToken(
      viewer!,
      userId,
      label,
      days,
    );
    return { token: issued.token, record: token };
  }

  @Authorized("manageUsers")
  @Mutation(() => ApiTokenType, {
    description: "Revokes a token of your trust at once (open subscriptions on it close too).",
  })
  async revokeToken(
    @Arg("id", () => ID, { description: "The token's id." }) id: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<ApiTokenType> {
    return services.administration.revokeToken(viewer!, id);
  }

  @Authorized("manageFrameworks")
  @Mutation(() => TrustType, {
    description:
      "Chooses the framework your trust designates with: a preset or one it saved. Audited with the one before.",
  })
  async setTrustFramework(
    @Arg("framework", () => String, { description: "A preset key or your own framework's key." })
    framework: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<TrustType> {
    return services.administration.chooseFramework(viewer!, framework);
  }
}
