import { personById } from '../../identity/service';
import { today } from '../../organisations/model';
import { grantFor, type Actor } from '../../organisations/policy';
import { actorFor, currentMandatesOf, registeredEnterprise, type ActorRef, type Unit } from '../../organisations/service';
import { unitsOf } from '../../organisations/members/service';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { enqueueEmail } from '../../platform/outbox';
import { formatDate } from '../../platform/views/format';
import { catalogOf, type Application, type Catalog, type Role } from '../catalog/service';
import { checkValidity } from '../model';
import {
  expiryInstant,
  hashToken,
  invitationState,
  lastDayOf,
  latestExpiry,
  MAX_MESSAGE,
  MAX_PERSONS,
  newToken,
  roleKey,
  templateContent,
  type InvitationState,
  type InvitedPerson,
  type RoleKey,
  type TemplateContent,
} from './model';
import { invitationEmail } from './notices';
import * as store from './store';
import type { Invitation, InvitationRole } from './store';

export type { Invitation, InvitationRole } from './store';

/*
 * Invitations (seed 001, "Sous-étape 1 : inviter" and "Sous-étape 2 :
 * accepter"): a manager offers roles of the enterprises they manage through
 * a public link; whoever opens it identifies and accepts, which creates
 * requests that wait for a manager (src/access/service.ts). Everything the
 * wizard carried is checked again here when the invitation is created.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A role the actor may offer in an enterprise; `units` are the units it may be offered for when the role needs one. */
export interface OfferedRole {
  key: RoleKey;
  enterpriseNumber: string;
  application: Application;
  role: Role;
  units: Unit[];
}

export interface ScopeEnterprise {
  number: string;
  name: string;
  roles: OfferedRole[];
}

function manageAction(application: Application, enterprise: string, unitId: string | null) {
  return { type: 'manage_assignments' as const, enterprise, domain: application.domainId, application: application.id, unitId };
}

function offeredRoles(catalog: Catalog, actor: Actor, enterprise: string, units: Unit[], at: Date): OfferedRole[] {
  const offered: OfferedRole[] = [];
  for (const application of catalog.applications) {
    for (const role of catalog.rolesOf(application.id)) {
      const key = roleKey({ enterpriseNumber: enterprise, applicationId: application.id, roleCode: role.code });
      if (role.unitKind === null) {
        if (grantFor(actor, manageAction(application, enterprise, null), at)) offered.push({ key, enterpriseNumber: enterprise, application, role, units: [] });
        continue;
      }
      const allowed = units.filter((u) => u.kind === role.unitKind && grantFor(actor, manageAction(application, enterprise, u.id), at));
      if (allowed.length > 0) offered.push({ key, enterpriseNumber: enterprise, application, role, units: allowed });
    }
  }
  return offered;
}

/** An enterprise's name in the register, in `lang` (its number when the register does not know it). */
export async function enterpriseName(ctx: Pick<AppContext, 'registers'>, number: string, lang: Lang): Promise<string> {
  const found = await ctx.registers.enterprises.findEnterprise(number, { lang });
  return found?.name ?? number;
}

/**
 * The enterprises where `who` may invite (registered ones where they may
 * manage the assignments of at least one application), each with the roles
 * they may offer there.
 */
export async function invitationScope(ctx: AppContext, who: ActorRef, lang: Lang): Promise<ScopeEnterprise[]> {
  const catalog = await catalogOf(ctx);
  const now = ctx.clock.now();
  const numbers = [...new Set((await currentMandatesOf(ctx, who.personId)).map((m) => m.enterpriseNumber))].sort();
  const scope: ScopeEnterprise[] = [];
  for (const number of numbers) {
    if (!(await registeredEnterprise(ctx, number))) continue;
    const actor = await actorFor(ctx, who, number);
    const roles = offeredRoles(catalog, actor, number, await unitsOf(ctx, number), now);
    if (roles.length > 0) scope.push({ number, name: await enterpriseName(ctx, number, lang), roles });
  }
  return scope;
}

// ——— creating ———

export interface NewInvitation {
  roles: InvitationRole[];
  validFrom: string;
  /** null: "Illimité". */
  validUntil: string | null;
  persons: InvitedPerson[];
  message: string;
  /** The last day the link may be used. */
  expiresOn: string;
  template: { name: string; description: string } | null;
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** The public link, shown once: only its hash is stored. */
  link: string;
  templateId: string | null;
}

/** The public address of an invitation's link. */
export function invitationLink(ctx: Pick<AppContext, 'config'>, token: string): string {
  return `${ctx.config.publicUrl}/invitations/${token}`;
}

const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;

/**
 * Creates an invitation after checking everything again: each role exists,
 * its enterprise is registered, its unit fits, and the actor may manage it
 * (ForbiddenError otherwise); the validity fits every role; the link
 * expires within a year. E-mails the listed persons (in `lang`, the page's
 * language: theirs is unknown), records the audit event, and saves the
 * template when asked, all in one transaction.
 */
export async function createInvitation(ctx: AppContext, who: ActorRef, input: NewInvitation, options: { lang: Lang; requestId?: string }): Promise<CreatedInvitation> {
  const catalog = await catalogOf(ctx);
  const now = ctx.clock.now();
  const day = today(now);
  const roles = dedupe(input.roles);
  if (roles.length === 0) throw new InputError('roles', 'access.invitations.errors.roles_required');
  if (roles.length > 200) throw new InputError('roles', 'errors.field.invalid', { field: 'roles' });
  const actors = new Map<string, Actor>();
  const unitsByEnterprise = new Map<string, Unit[]>();
  const described: Array<{ enterpriseNumber: string; role: Role }> = [];
  for (const r of roles) {
    const role = catalog.role(r.applicationId, r.roleCode);
    const application = catalog.application(r.applicationId);
    if (!role || !application) throw new InputError('roles', 'access.errors.role_unknown');
    if (!actors.has(r.enterpriseNumber)) {
      if (!(await registeredEnterprise(ctx, r.enterpriseNumber))) throw new InputError('enterprises', 'access.errors.enterprise_not_registered');
      actors.set(r.enterpriseNumber, await actorFor(ctx, who, r.enterpriseNumber));
      unitsByEnterprise.set(r.enterpriseNumber, await unitsOf(ctx, r.enterpriseNumber));
    }
    if (role.unitKind === null && r.unitId !== null) throw new InputError('units', 'access.errors.unit_not_allowed');
    if (role.unitKind !== null) {
      if (r.unitId === null) throw new InputError('units', 'access.invitations.errors.unit_required', { role: role.names[options.lang] });
      const unit = unitsByEnterprise.get(r.enterpriseNumber)!.find((u) => u.id === r.unitId);
      if (!unit || unit.kind !== role.unitKind) throw new InputError('units', 'access.errors.unit_mismatch');
    }
    if (!grantFor(actors.get(r.enterpriseNumber)!, manageAction(application, r.enterpriseNumber, r.unitId), now)) throw new ForbiddenError('access.errors.forbidden');
    described.push({ enterpriseNumber: r.enterpriseNumber, role });
  }
  const validityError = checkValidity(
    { validFrom: input.validFrom, validUntil: input.validUntil, today: day },
    { endRequired: described.some((d) => d.role.endDateRequired), isNew: true },
  );
  if (validityError) throw new InputError(validityError === 'access.errors.start_in_past' ? 'validFrom' : 'validUntil', validityError);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.expiresOn) || input.expiresOn < day) throw new InputError('expiresOn', 'access.invitations.errors.expiry_past');
  if (input.expiresOn > latestExpiry(day)) throw new InputError('expiresOn', 'access.invitations.errors.expiry_too_far');
  const message = input.message.trim();
  if (message.length > MAX_MESSAGE) throw new InputError('message', 'errors.field.too_long', { field: 'message', max: MAX_MESSAGE });
  if (input.persons.length > MAX_PERSONS) throw new InputError('persons', 'access.invitations.errors.too_many_persons');
  if (input.persons.some((p) => !p.familyName.trim() || !p.givenName.trim() || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.email))) throw new InputError('persons', 'access.invitations.errors.person_incomplete');
  const template = input.template ? { name: input.template.name.trim(), description: input.template.description.trim() } : null;
  if (template && !template.name) throw new InputError('templateName', 'access.invitations.errors.template_name_required');
  if (template && !template.description) throw new InputError('templateDescription', 'access.invitations.errors.template_description_required');
  if (template && (await store.templateNameTaken(ctx.db, who.personId, template.name))) throw new InputError('templateName', 'access.invitations.errors.template_name_taken');

  const inviter = (await personById(ctx, who.personId))!;
  const names = new Map<string, string>();
  for (const number of actors.keys()) names.set(number, await enterpriseName(ctx, number, options.lang));
  const token = newToken();
  const link = invitationLink(ctx, token);
  const expiresAt = expiryInstant(input.expiresOn);
  return ctx.db.transaction().execute(async (trx) => {
    const invitation = await store.insertInvitation(
      trx,
      { tokenHash: hashToken(token), createdBy: who.personId, expiresAt, message, validFrom: input.validFrom, validUntil: input.validUntil, roles, persons: input.persons },
      now,
    );
    let templateId: string | null = null;
    if (template) {
      const content: TemplateContent = {
        version: 1,
        enterprises: [...actors.keys()],
        roles: roles.map(roleKey),
        units: roles.filter((r) => r.unitId !== null).map((r) => `${roleKey(r)}|${r.unitId}`),
        unlimited: input.validUntil === null,
        validUntil: input.validUntil,
        message,
      };
      templateId = (await store.insertTemplate(trx, { ownerId: who.personId, ...template, content }, now)) ?? null;
      if (!templateId) throw new InputError('templateName', 'access.invitations.errors.template_name_taken');
    }
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: 'invitation.created',
      target: `invitation:${invitation.id}`,
      details: {
        enterprises: [...actors.keys()],
        roles: roles.map((r) => ({ enterprise: r.enterpriseNumber, application: r.applicationId, role: r.roleCode, unitId: r.unitId })),
        persons: input.persons.length,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        expiresAt: expiresAt.toISOString(),
        templateId,
      },
      requestId: options.requestId,
    });
    const roleList = described.map((d) => `${d.role.names[options.lang]} (${names.get(d.enterpriseNumber)})`).join(', ');
    for (const person of input.persons) {
      await enqueueEmail(trx, {
        to: person.email,
        lang: options.lang,
        template: invitationEmail,
        params: { name: fullName(person), url: link, inviter: fullName(inviter), roles: roleList, expires: formatDate(input.expiresOn), message },
        at: now,
      });
    }
    return { invitation, link, templateId };
  });
}

function dedupe(roles: InvitationRole[]): InvitationRole[] {
  const seen = new Set<string>();
  return roles.filter((r) => {
    const key = `${roleKey(r)}/${r.unitId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ——— the manager's invitations and templates ———

export interface InvitationSummary extends Invitation {
  state: InvitationState;
  lastDay: string;
  roles: InvitationRole[];
  acceptances: number;
}

/** The invitations `who` created, newest first (the last 500), with their state and acceptances. */
export async function invitationsOf(ctx: AppContext, who: ActorRef): Promise<InvitationSummary[]> {
  const now = ctx.clock.now();
  const rows = await store.invitationsBy(ctx.db, who.personId, 500);
  const roles = await store.rolesOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, state: invitationState(r, now), lastDay: lastDayOf(r.expiresAt), roles: roles.get(r.id) ?? [] }));
}

/** One invitation of `who`, or NotFoundError (someone else's is not found either). */
export async function invitationOf(ctx: AppContext, who: ActorRef, id: string): Promise<InvitationSummary> {
  const found = UUID.test(id) ? await store.findById(ctx.db, id) : undefined;
  if (!found || found.createdBy !== who.personId) throw new NotFoundError();
  const roles = (await store.rolesOf(ctx.db, [id])).get(id) ?? [];
  return { ...found, state: invitationState(found, ctx.clock.now()), lastDay: lastDayOf(found.expiresAt), roles, acceptances: await store.acceptancesOf(ctx.db, id) };
}

/** How many of the invitations `who` sent can still be accepted (the home page's count). */
export async function openInvitationCount(ctx: AppContext, who: ActorRef): Promise<number> {
  return store.countOpenBy(ctx.db, who.personId, ctx.clock.now());
}

/** Withdraws an open invitation of `who`: its link stops working at once. */
export async function withdrawInvitation(ctx: AppContext, who: ActorRef, id: string, options: { requestId?: string } = {}): Promise<Invitation> {
  const existing = UUID.test(id) ? await store.findById(ctx.db, id) : undefined;
  if (!existing || existing.createdBy !== who.personId) throw new NotFoundError();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const withdrawn = await store.withdraw(trx, id, who.personId, now);
    if (!withdrawn) throw new AppError('access.invitations.errors.not_open', 409);
    await recordAudit(trx, now, { actor: `person:${who.nrn}`, action: 'invitation.withdrawn', target: `invitation:${id}`, requestId: options.requestId });
    return withdrawn;
  });
}

export interface Template {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  /** null: stored content this version cannot read (shown, not used). */
  content: TemplateContent | null;
}

function toTemplate(row: store.TemplateRow): Template {
  const parsed = templateContent.safeParse(row.content);
  return { id: row.id, name: row.name, description: row.description, createdAt: row.createdAt, content: parsed.success ? parsed.data : null };
}

export async function templatesOf(ctx: AppContext, who: ActorRef): Promise<Template[]> {
  return (await store.templatesOf(ctx.db, who.personId)).map(toTemplate);
}

/** A template of `who`, or NotFoundError. */
export async function templateOf(ctx: AppContext, who: ActorRef, id: string): Promise<Template> {
  const row = UUID.test(id) ? await store.templateOf(ctx.db, who.personId, id) : undefined;
  if (!row) throw new NotFoundError();
  return toTemplate(row);
}

export async function deleteTemplate(ctx: AppContext, who: ActorRef, id: string, options: { requestId?: string } = {}): Promise<void> {
  if (!UUID.test(id)) throw new NotFoundError();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await store.deleteTemplate(trx, who.personId, id, now))) throw new NotFoundError();
    await recordAudit(trx, now, { actor: `person:${who.nrn}`, action: 'invitation_template.deleted', target: `invitation_template:${id}`, requestId: options.requestId });
  });
}

export async function templateNameTaken(ctx: AppContext, who: ActorRef, name: string): Promise<boolean> {
  return store.templateNameTaken(ctx.db, who.personId, name.trim());
}
