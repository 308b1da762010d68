import { personForIdentification } from '../../identity/service';
import { visiblePersons, type PersonRow } from '../../organisations/members/list';
import { lookupPerson, scopeFor } from '../../organisations/members/service';
import { today } from '../../organisations/model';
import { grantFor, may } from '../../organisations/policy';
import { actorFor, designateManager, managerOf, managersOf, revokeManager, unitById, type ActorRef, type ManagerView, type Unit } from '../../organisations/service';
import type { AppContext } from '../../platform/context';
import { ForbiddenError, InputError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { searchable } from '../../platform/views/pagination';
import type { Enterprise, RegisterPerson } from '../../registries/ports';
import { catalogOf, type Application, type Role } from '../catalog/service';
import { parseRoleKey, unitsByRole } from '../invitations/model';
import { invitationScope, type OfferedRole, type ScopeEnterprise } from '../invitations/service';
import { requestAssignments, type NewAssignmentInput, type Outcome } from '../service';
import { capacityRoleKey, type ChosenPerson, type MemberSearch } from './model';
import { holdersOf } from './store';

export type { OfferedRole, ScopeEnterprise } from '../invitations/service';

/*
 * Direct assignment (seed 001, "attribuer directement un nouveau rôle"),
 * the Flemish "recht toekennen" (seed 004: a right scoped to an
 * establishment), the social-security "ajouter application(s)" to several
 * users of a capacity (seed 002), and the administrators of role assignment
 * per application. Every right goes through requestAssignments (one
 * transaction, approved at once since the actor may decide); every mandate
 * through the organisations service. Whatever a wizard carried is checked
 * again here.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The enterprises where `who` may assign roles directly, each with the roles (and units) they may grant there. */
export async function assignScope(ctx: AppContext, who: ActorRef, lang: Lang): Promise<ScopeEnterprise[]> {
  return invitationScope(ctx, who, lang);
}

// ——— persons ———

/** A person of the enterprise found by the search, with the work address of their open membership. */
export interface Member {
  personId: string;
  nrn: string;
  familyName: string;
  givenName: string;
  email: string;
  units: string[];
}

function memberOf(row: PersonRow, whole: string): Member {
  const open = row.memberships.filter((m) => m.status !== 'ended');
  return {
    personId: row.personId,
    nrn: row.nrn,
    familyName: row.familyName,
    givenName: row.givenName,
    email: (open[0] ?? row.memberships[0])?.workEmail ?? '',
    units: [...new Set(open.map((m) => m.unitName ?? whole))],
  };
}

/** The persons of the enterprise the actor may see (organisations' scope); none when they may see no user (an application administrator adds by number). */
async function visibleMembers(ctx: AppContext, who: ActorRef, number: string, lang: Lang, whole: string): Promise<Member[]> {
  try {
    const scope = await scopeFor(ctx, who, number, lang);
    return (await visiblePersons(ctx, scope)).map((row) => memberOf(row, whole));
  } catch (error) {
    if (error instanceof ForbiddenError) return [];
    throw error;
  }
}

export const SEARCH_LIMIT = 50;

/** "Rechercher des personnes": members the actor may see whose family name, first name and e-mail contain what was typed (at least one). */
export async function searchMembers(ctx: AppContext, who: ActorRef, number: string, lang: Lang, criteria: MemberSearch, whole: string): Promise<Member[]> {
  const c = { familyName: searchable(criteria.familyName), givenName: searchable(criteria.givenName), email: criteria.email.trim().toLowerCase() };
  if (!c.familyName && !c.givenName && !c.email) throw new InputError('search_familyName', 'access.direct.errors.search_criteria');
  const members = await visibleMembers(ctx, who, number, lang, whole);
  return members
    .filter((m) => (!c.familyName || searchable(m.familyName).includes(c.familyName)) && (!c.givenName || searchable(m.givenName).includes(c.givenName)) && (!c.email || m.email.toLowerCase().includes(c.email)))
    .slice(0, SEARCH_LIMIT);
}

/** The members among these national numbers that the actor may see ("Ajouter les personnes sélectionnées"). */
export async function membersByNrn(ctx: AppContext, who: ActorRef, number: string, lang: Lang, nrns: readonly string[], whole: string): Promise<Member[]> {
  const wanted = new Set(nrns);
  return (await visibleMembers(ctx, who, number, lang, whole)).filter((m) => wanted.has(m.nrn));
}

/** One member the actor may see, by person id ("Attribuer un rôle" from the person's page); undefined otherwise. */
export async function memberById(ctx: AppContext, who: ActorRef, number: string, lang: Lang, personId: string, whole: string): Promise<Member | undefined> {
  return (await visibleMembers(ctx, who, number, lang, whole)).find((m) => m.personId === personId);
}

/** "Rechercher" by national register number: the identity from the register, shown before the person is added. */
export async function personFromRegister(ctx: AppContext, nrn: string): Promise<RegisterPerson> {
  return lookupPerson(ctx, nrn);
}

// ——— the wizard's end ———

export interface DirectAssignment {
  enterprise: string;
  roles: string[];
  units: string[];
  persons: ChosenPerson[];
  validFrom: string;
  validUntil: string | null;
  /** Why ("Reden", seed 004), kept in each assignment's history; '' for none. */
  reason: string;
}

export interface Granted {
  outcome: Outcome;
  person: { familyName: string; givenName: string; email: string };
  role: Role;
  application: Application;
  unit: Unit | null;
}

/**
 * Grants every chosen role to every chosen person, in one transaction,
 * after checking again that the actor may grant each role (and unit) in the
 * enterprise and that the register knows each person.
 */
export async function assignDirectly(ctx: AppContext, who: ActorRef, input: DirectAssignment, options: { lang: Lang; requestId?: string }): Promise<Granted[]> {
  const scope = (await assignScope(ctx, who, options.lang)).find((e) => e.number === input.enterprise);
  if (!scope) throw new ForbiddenError('access.errors.forbidden');
  const offered = new Map(scope.roles.map((r) => [r.key, r]));
  const units = unitsByRole(input.units);
  const roles: Array<{ offered: OfferedRole; unit: Unit | null }> = [];
  for (const key of input.roles) {
    const role = offered.get(key);
    if (!role || !parseRoleKey(key)) throw new ForbiddenError('access.errors.forbidden');
    if (role.role.unitKind === null) {
      roles.push({ offered: role, unit: null });
      continue;
    }
    const unit = role.units.find((u) => u.id === units.get(key));
    if (!unit) throw new InputError('units', 'access.direct.errors.unit_required', { role: role.role.names[options.lang] });
    roles.push({ offered: role, unit });
  }
  if (roles.length === 0) throw new InputError('roles', 'access.direct.errors.roles_required');
  if (input.persons.length === 0) throw new InputError('persons', 'access.direct.errors.persons_required');
  const persons = [];
  for (const p of input.persons) {
    const registered = await lookupPerson(ctx, p.nrn);
    const person = await personForIdentification(ctx, registered.nrn);
    persons.push({ id: person.id, familyName: registered.lastName, givenName: registered.firstNames, email: p.email });
  }
  const inputs: NewAssignmentInput[] = [];
  const shown: Array<Omit<Granted, 'outcome'>> = [];
  for (const person of persons) {
    for (const { offered: r, unit } of roles) {
      inputs.push({ personId: person.id, enterpriseNumber: input.enterprise, unitId: unit?.id ?? null, applicationId: r.application.id, roleCode: r.role.code, validFrom: input.validFrom, validUntil: input.validUntil, contactEmail: person.email, message: input.reason });
      shown.push({ person, role: r.role, application: r.application, unit });
    }
  }
  const outcomes = await requestAssignments(ctx, who, inputs, { via: 'manager', requestId: options.requestId });
  return outcomes.map((outcome, i) => ({ outcome, ...shown[i]! }));
}

// ——— the social-security journey ———

export interface CapacityPage {
  enterprise: Enterprise;
  unit: Unit;
  /** The persons with an open membership in the capacity. */
  users: Member[];
  /** The roles scoped to a capacity the actor may grant in this one. */
  roles: Array<{ key: string; application: Application; role: Role }>;
}

/**
 * A capacity as its local manager or the entity access responsible sees it:
 * its users and the application roles they may add. ForbiddenError for who
 * may not manage the users and the social-security rights of this capacity
 * (a local manager of another capacity).
 */
export async function capacityOf(ctx: AppContext, who: ActorRef, number: string, unitId: string, lang: Lang, whole: string): Promise<CapacityPage> {
  const unit = UUID.test(unitId) ? await unitById(ctx, unitId) : undefined;
  if (!unit || unit.enterpriseNumber !== number || unit.kind !== 'capacity') throw new NotFoundError();
  const scope = await scopeFor(ctx, who, number, lang);
  if (!scope.all && !scope.unitIds.has(unit.id)) throw new ForbiddenError('access.errors.forbidden');
  const catalog = await catalogOf(ctx);
  const now = ctx.clock.now();
  const actor = await actorFor(ctx, who, number);
  const roles = catalog.roles
    .filter((role) => role.unitKind === 'capacity')
    .flatMap((role) => {
      const application = catalog.application(role.applicationId);
      if (!application) return [];
      const allowed = grantFor(actor, { type: 'manage_assignments', enterprise: number, domain: application.domainId, application: application.id, unitId: unit.id }, now);
      return allowed ? [{ key: capacityRoleKey(application.id, role.code), application, role }] : [];
    });
  if (roles.length === 0) throw new ForbiddenError('access.errors.forbidden');
  const users = (await visiblePersons(ctx, scope)).filter((row) => row.memberships.some((m) => m.unitId === unit.id && m.status !== 'ended')).map((row) => memberOf(row, whole));
  return { enterprise: scope.enterprise, unit, users, roles };
}

export interface CapacityAddition {
  personIds: string[];
  roleKeys: string[];
  validFrom: string;
  validUntil: string | null;
}

export interface CapacityResult {
  added: Array<{ user: Member; role: Role; application: Application; outcome: Outcome }>;
  /** Users who already held (or had asked for) the role: nothing was changed for them. */
  skipped: Array<{ user: Member; role: Role; application: Application }>;
}

/** "Ajouter application(s)": the chosen roles to the chosen users of the capacity, in one transaction; who already holds one keeps it as is. */
export async function addToCapacity(ctx: AppContext, who: ActorRef, page: CapacityPage, input: CapacityAddition, requestId?: string): Promise<CapacityResult> {
  const users = input.personIds.map((id) => page.users.find((u) => u.personId === id));
  if (users.some((u) => u === undefined)) throw new ForbiddenError('access.errors.forbidden');
  const roles = input.roleKeys.map((key) => page.roles.find((r) => r.key === key));
  if (roles.some((r) => r === undefined)) throw new ForbiddenError('access.errors.forbidden');
  const result: CapacityResult = { added: [], skipped: [] };
  const inputs: NewAssignmentInput[] = [];
  const pending: Array<{ user: Member; role: Role; application: Application }> = [];
  for (const r of roles as CapacityPage['roles']) {
    const holders = await holdersOf(ctx.db, { enterpriseNumber: page.enterprise.number, unitId: page.unit.id, applicationId: r.application.id, roleCode: r.role.code, personIds: input.personIds });
    for (const user of users as Member[]) {
      if (holders.has(user.personId)) {
        result.skipped.push({ user, role: r.role, application: r.application });
        continue;
      }
      inputs.push({ personId: user.personId, enterpriseNumber: page.enterprise.number, unitId: page.unit.id, applicationId: r.application.id, roleCode: r.role.code, validFrom: input.validFrom, validUntil: input.validUntil, contactEmail: user.email || null });
      pending.push({ user, role: r.role, application: r.application });
    }
  }
  if (inputs.length > 0) {
    const outcomes = await requestAssignments(ctx, who, inputs, { via: 'manager', requestId });
    outcomes.forEach((outcome, i) => result.added.push({ ...pending[i]!, outcome }));
  }
  return result;
}

// ——— administrators of role assignment per application ———

export interface AdministratorsPage {
  enterprise: Enterprise;
  /** The applications the actor may designate administrators for. */
  applications: Application[];
  /** Their administrators, current, scheduled or expired (not revoked). */
  administrators: ManagerView[];
  /** The mandate ids the actor may revoke. */
  revocable: Set<string>;
}

/**
 * "Gérer les administrateurs de l'attribution des rôles": for the principal
 * and co-principal access managers (every application) and a domain access
 * manager (its domain's applications). ForbiddenError for anyone else.
 */
export async function administratorsOf(ctx: AppContext, who: ActorRef, number: string, lang: Lang): Promise<AdministratorsPage> {
  const overview = await managersOf(ctx, who, number, lang);
  const catalog = await catalogOf(ctx);
  const now = ctx.clock.now();
  const target = (a: Application) => ({ kind: 'application_administrator' as const, domain: a.domainId, application: a.id });
  const applications = catalog.applications.filter((a) => catalog.rolesOf(a.id).length > 0 && may(overview.actor, { type: 'designate', enterprise: overview.enterprise.number, mandate: target(a) }, now));
  if (applications.length === 0) throw new ForbiddenError('access.errors.forbidden');
  const ids = new Set(applications.map((a) => a.id));
  const administrators = overview.managers.filter((m) => m.kind === 'application_administrator' && m.application !== null && ids.has(m.application));
  const revocable = new Set(administrators.filter((m) => may(overview.actor, { type: 'revoke', enterprise: overview.enterprise.number, mandate: m }, now)).map((m) => m.id));
  return { enterprise: overview.enterprise, applications, administrators, revocable };
}

export interface NewAdministrator {
  applicationId: string;
  nrn: string;
  email: string;
  validFrom: string;
  validUntil: string | null;
}

/** Designates an administrator of an application the page offers; the organisations service e-mails and audits. */
export async function designateAdministrator(ctx: AppContext, who: ActorRef, page: AdministratorsPage, input: NewAdministrator, requestId?: string) {
  const application = page.applications.find((a) => a.id === input.applicationId);
  if (!application) throw new InputError('application', 'access.direct.admins.errors.application_required');
  if (input.validFrom < today(ctx.clock.now())) throw new InputError('validFrom', 'access.errors.start_in_past');
  return designateManager(
    ctx,
    who,
    { enterpriseNumber: page.enterprise.number, kind: 'application_administrator', domain: application.domainId, application: application.id, nrn: input.nrn, email: input.email, validFrom: input.validFrom, validUntil: input.validUntil },
    requestId,
  );
}

/** One administrator of the page (404 for any other mandate: this page revokes administrators only). */
export async function administratorOf(ctx: AppContext, page: AdministratorsPage, mandateId: string): Promise<ManagerView> {
  const found = page.administrators.find((m) => m.id === mandateId);
  if (!found || !page.revocable.has(found.id)) throw new NotFoundError();
  return managerOf(ctx, page.enterprise.number, found.id);
}

export async function revokeAdministrator(ctx: AppContext, who: ActorRef, page: AdministratorsPage, mandateId: string, requestId?: string) {
  const found = await administratorOf(ctx, page, mandateId);
  return revokeManager(ctx, who, page.enterprise.number, found.id, requestId);
}
