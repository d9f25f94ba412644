// Administering a hosted service for many trusts:
// - the hosting operator creates a trust and its first trust admin (whose
//   token is returned once), and lists trusts; it reads none of their data;
// - a trust admin manages the trust's users (names, roles, academy scopes,
//   OIDC sign-in identity), issues and revokes each user's tokens, and
//   chooses the framework the trust designates with.
// Every change is audited in the trust's log.
import type { Db } from "../db/index.js";
import { badInput, conflict, notFound } from "../domain/index.js";
import { presets } from "../domain/index.js";
import { forgetViewers, issueTokenForUser, revokeToken, type IssuedToken } from "../auth/tokens.js";
import type { Operator, Viewer } from "../auth/viewer.js";
import type { AuditService, Tx } from "./audit.service.js";
import {
  identifierProblem,
  type Problem,
  ROLES,
  TRUST_WIDE_ROLES,
  isRole,
  type Role,
} from "../shared/index.js";

export interface TrustRow {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly frameworkKey: string;
  readonly createdAt: Date;
}

export interface TokenRow {
  readonly id: string;
  readonly label: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly role: Role;
  readonly academyUrns: readonly string[];
  readonly oidcIssuer: string | null;
  readonly oidcSubject: string | null;
  readonly createdAt: Date;
  readonly tokens: readonly TokenRow[];
}

export interface UserInput {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly role?: string | null;
  readonly academyUrns?: readonly string[] | null;
  /** Both or neither; empty strings unlink. */
  readonly oidcIssuer?: string | null;
  readonly oidcSubject?: string | null;
}

export interface CreateTrustInput {
  readonly uid: string;
  readonly name: string;
  readonly frameworkKey?: string | null;
  readonly adminName: string;
  readonly adminEmail?: string | null;
  /** Days the first admin's token lasts (default 30: long enough to issue their own). */
  readonly tokenDays?: number | null;
}

export interface CreatedTrust {
  readonly trust: TrustRow;
  readonly adminUserId: string;
  readonly token: IssuedToken;
}

const MAX_TOKEN_DAYS = 730;

function nameProblem(field: string, name: string): Problem | null {
  const trimmed = name.trim();
  return trimmed.length === 0 || trimmed.length > 200
    ? { field, message: `${field}: a name of 1 to 200 characters`, value: name.slice(0, 40) }
    : null;
}

function emailProblem(email: string): Problem | null {
  return email.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(email)
    ? {
        field: "email",
        value: email.slice(0, 40),
        message: `email: "${email.slice(0, 40)}" is not an email address`,
        accepts: "name@example.org",
      }
    : null;
}

function daysProblem(days: number): Problem | null {
  return !Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS
    ? {
        field: "days",
        value: String(days),
        message: `days: ${days} is not a whole number of days from 1 to ${MAX_TOKEN_DAYS}`,
      }
    : null;
}

const toUserRow = (user: {
  id: string;
  name: string;
  email: string | null;
  role: string;
  academyUrns: string;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  createdAt: Date;
  tokens?: TokenRow[];
}): UserRow => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: isRole(user.role) ? user.role : "leader",
  academyUrns: user.academyUrns.split(",").filter(Boolean),
  oidcIssuer: user.oidcIssuer,
  oidcSubject: user.oidcSubject,
  createdAt: user.createdAt,
  tokens: (user.tokens ?? []).map((token) => ({
    id: token.id,
    label: token.label,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    lastUsedAt: token.lastUsedAt,
  })),
});

const TOKEN_FIELDS = {
  id: true,
  label: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

export class AdministrationService {
  constructor(
    private readonly prisma: Db,
    private readonly audit: AuditService,
  ) {}

  // ---- The hosting operator ----

  async trusts(): Promise<TrustRow[]> {
    return this.prisma.trust.findMany({
      select: { id: true, uid: true, name: true, frameworkKey: true, createdAt: true },
      orderBy: { uid: "asc" },
    });
  }

  /** Creates a trust and its first trust admin; the admin's token is returned once. */
  async createTrust(operator: Operator | null, input: CreateTrustInput): Promise<CreatedTrust> {
    const problems: Problem[] = [];
    const uidProblem = identifierProblem("trustUid", "uid", input.uid);
    if (uidProblem) problems.push(uidProblem);
    const name = nameProblem("name", input.name);
    if (name) problems.push(name);
    const adminName = nameProblem("adminName", input.adminName);
    if (adminName) problems.push(adminName);
    if (input.adminEmail) {
      const email = emailProblem(input.adminEmail);
      if (email) problems.push({ ...email, field: "adminEmail", message: `admin${email.message}` });
    }
    const frameworkKey = input.frameworkKey ?? "phase-model";
    if (!presets().has(frameworkKey))
      problems.push({
        field: "frameworkKey",
        value: frameworkKey.slice(0, 60),
        message: `frameworkKey: "${frameworkKey.slice(0, 60)}" is not a preset; the presets are ${[...presets().keys()].join(", ")} (the trust admin can switch to one of its own later)`,
      });
    const days = input.tokenDays ?? 30;
    const daysWrong = daysProblem(days);
    if (daysWrong) problems.push(daysWrong);
    if (problems.length > 0) throw badInput(problems);
    if (await this.prisma.trust.findUnique({ where: { uid: input.uid } }))
      throw conflict(`A trust with UID ${input.uid} already exists.`);
    const actor = operator ? `operator ${operator.name} (${operator.tokenId})` : "operator (cli)";
    const created = await this.prisma.$transaction(async (tx) => {
      const trust = await tx.trust.create({
        data: { uid: input.uid, name: input.name.trim(), frameworkKey },
        select: { id: true, uid: true, name: true, frameworkKey: true, createdAt: true },
      });
      const admin = await tx.user.create({
        data: {
          trustId: trust.id,
          name: input.adminName.trim(),
          email: input.adminEmail ?? null,
          role: "trust-admin",
        },
      });
      await this.audit.recordFor(
        tx,
        trust.id,
        actor,
        "trust.create",
        "Trust",
        trust.id,
        null,
        trust,
      );
      await this.audit.recordFor(tx, trust.id, actor, "user.create", "User", admin.id, null, {
        name: admin.name,
        role: admin.role,
      });
      return { trust, adminUserId: admin.id };
    });
    const token = await issueTokenForUser(this.prisma, created.adminUserId, "first admin", days);
    await this.prisma.auditEntry.create({
      data: {
        trustId: created.trust.id,
        actor,
        action: "token.issue",
        entity: "ApiToken",
        entityId: token.tokenId,
        after: { userId: created.adminUserId, expiresAt: token.expiresAt?.toISOString() ?? null },
      },
    });
    return { ...created, token };
  }

  // ---- A trust admin ----

  /** Users of the viewer's trust by id (for naming who did something), in one query. */
  async usersByIds(viewer: Viewer, ids: readonly string[]): Promise<UserRow[]> {
    const users = await this.prisma.user.findMany({
      where: { trustId: viewer.trustId, id: { in: [...new Set(ids)] } },
      include: { tokens: { select: TOKEN_FIELDS, orderBy: { createdAt: "asc" } } },
    });
    return users.map(toUserRow);
  }

  async users(viewer: Viewer): Promise<UserRow[]> {
    const users = await this.prisma.user.findMany({
      where: { trustId: viewer.trustId },
      include: { tokens: { select: TOKEN_FIELDS, orderBy: { createdAt: "asc" } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    return users.map(toUserRow);
  }

  private async validate(
    viewer: Viewer,
    input: UserInput,
    current: { role: string; academyUrns: string } | null,
  ): Promise<{
    name?: string;
    email?: string | null;
    role?: Role;
    academyUrns?: string;
    oidcIssuer?: string | null;
    oidcSubject?: string | null;
  }> {
    const problems: Problem[] = [];
    const data: Awaited<ReturnType<AdministrationService["validate"]>> = {};
    if (input.name !== undefined && input.name !== null) {
      const problem = nameProblem("name", input.name);
      if (problem) problems.push(problem);
      data.name = input.name.trim();
    } else if (!current) problems.push({ field: "name", message: "name: a user needs a name" });
    if (input.email !== undefined && input.email !== null) {
      const problem = input.email === "" ? null : emailProblem(input.email);
      if (problem) problems.push(problem);
      data.email = input.email === "" ? null : input.email.toLowerCase();
    }
    const role = input.role ?? current?.role;
    if (role === undefined || role === null || !isRole(role)) {
      problems.push({
        field: "role",
        value: String(role ?? "").slice(0, 40),
        message: `role: "${String(role ?? "").slice(0, 40)}" is not a role; the roles are ${ROLES.join(", ")}`,
        accepts: ROLES.join(", "),
      });
    } else if (input.role !== undefined && input.role !== null) data.role = role;
    const urns =
      input.academyUrns ?? (current ? current.academyUrns.split(",").filter(Boolean) : []);
    if (role && isRole(role)) {
      const trustWide = TRUST_WIDE_ROLES.includes(role);
      if (trustWide && urns.length > 0)
        problems.push({
          field: "academyUrns",
          message: `academyUrns: the ${role} role sees the whole trust; give academies only to ${ROLES.filter((r) => !TRUST_WIDE_ROLES.includes(r)).join(", ")} users`,
        });
      if (!trustWide && urns.length === 0)
        problems.push({
          field: "academyUrns",
          message: `academyUrns: the ${role} role needs at least one academy (URN)`,
        });
    }
    const unique = [...new Set(urns)];
    for (const [index, urn] of unique.entries()) {
      const problem = identifierProblem("urn", `academyUrns[${index}]`, urn);
      if (problem) problems.push(problem);
    }
    if (problems.length === 0 && unique.length > 0) {
      const found = await this.prisma.academy.findMany({
        where: { trustId: viewer.trustId, urn: { in: unique } },
        select: { urn: true },
      });
      const known = new Set(found.map((academy) => academy.urn));
      for (const urn of unique)
        if (!known.has(urn))
          problems.push({
            field: "academyUrns",
            value: urn,
            message: `academyUrns: no academy with URN ${urn} in your trust`,
          });
    }
    if (input.academyUrns !== undefined && input.academyUrns !== null)
      data.academyUrns = unique.join(",");
    else if (data.role && TRUST_WIDE_ROLES.includes(data.role)) data.academyUrns = "";
    const issuer = input.oidcIssuer ?? undefined;
    const subject = input.oidcSubject ?? undefined;
    if (issuer !== undefined || subject !== undefined) {
      if ((issuer ?? "") === "" && (subject ?? "") === "") {
        data.oidcIssuer = null;
        data.oidcSubject = null;
      } else if (!issuer || !subject || issuer.length > 300 || subject.length > 300) {
        problems.push({
          field: "signIn",
          message:
            "signIn: give both the issuer and the subject (Microsoft Entra: the tenant id and the user's object id), each up to 300 characters, or both empty to unlink",
        });
      } else {
        data.oidcIssuer = issuer;
        data.oidcSubject = subject;
      }
    }
    if (problems.length > 0) throw badInput(problems);
    return data;
  }

  private async ownUser(tx: Tx, viewer: Viewer, id: string) {
    const user = await tx.user.findFirst({ where: { id, trustId: viewer.trustId } });
    if (!user) throw notFound(`No user ${id.slice(0, 40)} in your trust.`);
    return user;
  }

  private async identityTaken(viewer: Viewer, issuer: string, subject: string, except: string) {
    const other = await this.prisma.user.findFirst({
      where: {
        trustId: viewer.trustId,
        oidcIssuer: issuer,
        oidcSubject: subject,
        NOT: { id: except },
      },
    });
    if (other) throw conflict(`That sign-in identity is already linked to ${other.name}.`);
  }

  async createUser(viewer: Viewer, input: UserInput): Promise<UserRow> {
    const data = await this.validate(viewer, input, null);
    if (data.oidcIssuer && data.oidcSubject)
      await this.identityTaken(viewer, data.oidcIssuer, data.oidcSubject, "");
    const user = await this.prisma.$transaction(async (tx) => {
      const row = await tx.user.create({
        data: {
          trustId: viewer.trustId,
          name: data.name!,
          role: data.role!,
          email: data.email ?? null,
          academyUrns: data.academyUrns ?? "",
          oidcIssuer: data.oidcIssuer ?? null,
          oidcSubject: data.oidcSubject ?? null,
        },
      });
      await this.audit.record(tx, viewer, "user.create", "User", row.id, null, data);
      return row;
    });
    return toUserRow(user);
  }

  async updateUser(viewer: Viewer, id: string, input: UserInput): Promise<UserRow> {
    const current = await this.ownUser(this.prisma, viewer, id);
    const data = await this.validate(viewer, input, current);
    if (data.oidcIssuer && data.oidcSubject)
      await this.identityTaken(viewer, data.oidcIssuer, data.oidcSubject, id);
    const user = await this.prisma.$transaction(async (tx) => {
      if (current.role === "trust-admin" && data.role && data.role !== "trust-admin") {
        const admins = await tx.user.count({
          where: { trustId: viewer.trustId, role: "trust-admin" },
        });
        if (admins <= 1)
          throw conflict(
            `${current.name} is the trust's only trust admin; make someone else trust admin first.`,
          );
      }
      const row = await tx.user.update({
        where: { id },
        data,
        include: { tokens: { select: TOKEN_FIELDS, orderBy: { createdAt: "asc" } } },
      });
      await this.audit.record(
        tx,
        viewer,
        "user.update",
        "User",
        id,
        {
          name: current.name,
          email: current.email,
          role: current.role,
          academyUrns: current.academyUrns,
          oidcIssuer: current.oidcIssuer,
          oidcSubject: current.oidcSubject,
        },
        data,
      );
      return row;
    });
    forgetViewers(this.prisma, (known) => known.userId === id);
    return toUserRow(user);
  }

  async issueToken(
    viewer: Viewer,
    userId: string,
    label: string,
    days: number,
  ): Promise<{ issued: IssuedToken; token: TokenRow }> {
    const problems: Problem[] = [];
    const daysWrong = daysProblem(days);
    if (daysWrong) problems.push(daysWrong);
    if (label.length > 100)
      problems.push({ field: "label", message: "label: at most 100 characters" });
    if (problems.length > 0) throw badInput(problems);
    await this.ownUser(this.prisma, viewer, userId);
    const issued = await issueTokenForUser(this.prisma, userId, label, days);
    await this.audit.record(this.prisma, viewer, "token.issue", "ApiToken", issued.tokenId, null, {
      userId,
      label,
      expiresAt: issued.expiresAt,
    });
    const token = await this.prisma.apiToken.findUniqueOrThrow({
      where: { id: issued.tokenId },
      select: TOKEN_FIELDS,
    });
    return { issued, token };
  }

  async revokeToken(viewer: Viewer, tokenId: string): Promise<TokenRow> {
    const row = await this.prisma.apiToken.findFirst({
      where: { id: tokenId, user: { trustId: viewer.trustId } },
      select: TOKEN_FIELDS,
    });
    if (!row) throw notFound(`No token ${tokenId.slice(0, 40)} in your trust.`);
    if (row.revokedAt) return row;
    await revokeToken(this.prisma, tokenId);
    await this.audit.record(this.prisma, viewer, "token.revoke", "ApiToken", tokenId, null, null);
    return this.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: TOKEN_FIELDS });
  }

  /** The trust of the viewer (its framework, name and UID). */
  async trustOf(viewer: Viewer): Promise<TrustRow> {
    return this.prisma.trust.findUniqueOrThrow({
      where: { id: viewer.trustId },
      select: { id: true, uid: true, name: true, frameworkKey: true, createdAt: true },
    });
  }

  /** Switches the framework the trust designates with: a preset or one it saved; audited. */
  async chooseFramework(viewer: Viewer, key: string): Promise<TrustRow> {
    const own = presets().has(key)
      ? null
      : await this.prisma.trustFramework.findUnique({
          where: { trustId_key: { trustId: viewer.trustId, key } },
        });
    if (!presets().has(key) && !own) {
      const saved = await this.prisma.trustFramework.findMany({
        where: { trustId: viewer.trustId },
        select: { key: true },
        orderBy: { key: "asc" },
      });
      const keys = [...presets().keys(), ...saved.map((row) => row.key)];
      throw badInput([
        {
          field: "framework",
          value: key.slice(0, 60),
          message: `framework: unknown framework "${key.slice(0, 60)}"; choose one of ${keys.join(", ")}`,
          accepts: keys.join(", "),
        },
      ]);
    }
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.trust.findUniqueOrThrow({ where: { id: viewer.trustId } });
      const trust = await tx.trust.update({
        where: { id: viewer.trustId },
        data: { frameworkKey: key },
        select: { id: true, uid: true, name: true, frameworkKey: true, createdAt: true },
      });
      await this.audit.record(
        tx,
        viewer,
        "trust.framework",
        "Trust",
        trust.id,
        { frameworkKey: before.frameworkKey },
        { frameworkKey: key },
      );
      return trust;
    });
  }
}
