import { personForIdentification } from '../../identity/service';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import type { Trx } from '../../platform/db/database';
import { ForbiddenError, InputError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { enqueueEmail } from '../../platform/outbox';
import { formatEnterpriseNumber } from '../../registries/identifiers';
import type { Enterprise, RegisterPerson } from '../../registries/ports';
import { today } from '../model';
import { may, type Actor } from '../policy';
import { sectionsFor, type Section } from '../sections';
import { actorFor, authorize, registeredEnterprise, registerPersonFor, type ActorRef, type Unit } from '../service';
import * as orgStore from '../store';
import { mandatesLapsing, type MembershipCategory } from './model';
import { membershipAddedEmail, membershipEndedEmail } from './notices';
import * as store from './store';
import type { Membership } from './store';

export type { Membership } from './store';

const brussels = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', dateStyle: 'short' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the actor may do with the persons of one registered enterprise. */
export interface EnterpriseScope {
  enterprise: Enterprise;
  actor: Actor;
  units: Unit[];
  /** May manage the users of the enterprise as a whole (and of every unit). */
  all: boolean;
  /** The units whose users the actor may manage. */
  unitIds: Set<string>;
  /** May create capacities and sub-entities: those who designate local managers. */
  mayCreateUnits: boolean;
  /** The sections of the enterprise bar the actor may open. */
  sections: Section[];
}

/**
 * The scope of the actor in a registered enterprise (404 when it is not
 * registered). ForbiddenError when the actor may manage no user at all,
 * unless `view` (the units page) and the actor may see the managers. With
 * `sync`, the establishment units of the register are added first (the
 * units page and "add a person" ask for it: units are synced on demand).
 */
export async function scopeFor(ctx: AppContext, who: ActorRef, number: string, lang: Lang, options: { view?: boolean; sync?: boolean } = {}): Promise<EnterpriseScope> {
  const registration = await registeredEnterprise(ctx, number);
  const enterprise = registration ? await ctx.registers.enterprises.findEnterprise(number, { lang }) : null;
  if (!registration || !enterprise) throw new NotFoundError();
  if (options.sync) await syncEstablishmentUnits(ctx, number, lang);
  const [actor, units] = await Promise.all([actorFor(ctx, who, number), store.listUnits(ctx.db, number)]);
  const now = ctx.clock.now();
  const all = may(actor, { type: 'manage_users', enterprise: number, unitId: null }, now);
  const unitIds = new Set(units.filter((u) => may(actor, { type: 'manage_users', enterprise: number, unitId: u.id }, now)).map((u) => u.id));
  const mayCreateUnits = may(actor, { type: 'designate', enterprise: number, mandate: { kind: 'local_manager' } }, now);
  const mayView = options.view && may(actor, { type: 'view_managers', enterprise: number }, now);
  if (!all && unitIds.size === 0 && !mayView) throw new ForbiddenError('organisations.errors.forbidden');
  return { enterprise, actor, units, all, unitIds, mayCreateUnits, sections: sectionsFor(actor, number, now) };
}

/** Whether the scope covers a membership's unit (null = the enterprise as a whole). */
export function covers(scope: Pick<EnterpriseScope, 'all' | 'unitIds'>, unitId: string | null): boolean {
  return scope.all || (unitId !== null && scope.unitIds.has(unitId));
}

/** The units of an enterprise: establishment units, capacities, sub-entities (by kind, then name). */
export async function unitsOf(ctx: Pick<AppContext, 'db'>, number: string): Promise<Unit[]> {
  return store.listUnits(ctx.db, number);
}

/** Adds the establishment units of the register the platform does not know yet (on demand: pages call it). */
export async function syncEstablishmentUnits(ctx: Pick<AppContext, 'db' | 'registers'>, number: string, lang: Lang = 'fr'): Promise<number> {
  const establishments = await ctx.registers.enterprises.establishments(number, { lang });
  return store.insertEstablishments(
    ctx.db,
    number,
    establishments.map((e) => ({ number: e.number, name: e.name ?? e.address?.municipality ?? formatEnterpriseNumber(e.number) })),
  );
}

export interface NewUnit {
  kind: 'capacity' | 'sub_entity';
  name: string;
  /** The capacity's number; '' for none. */
  number: string;
}

/** Creates a social-security capacity or a sub-entity, for whoever may designate local managers. Audited. */
export async function createUnit(ctx: AppContext, who: ActorRef, enterpriseNumber: string, input: NewUnit, requestId?: string): Promise<Unit> {
  const grant = await authorize(ctx, who, { type: 'designate', enterprise: enterpriseNumber, mandate: { kind: 'local_manager' } });
  const number = input.number === '' ? null : input.number;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Under the enterprise's lock, so two managers adding the same name resolve to one unit and one clear refusal.
    await orgStore.lockEnterprise(trx, enterpriseNumber);
    const clash = await store.unitClash(trx, enterpriseNumber, input.kind, input.name, number);
    if (clash) throw new InputError(clash, clash === 'name' ? 'members.errors.unit_name_taken' : 'members.errors.unit_number_taken');
    const unit = await store.insertUnit(trx, { enterpriseNumber, kind: input.kind, name: input.name, number, createdBy: who.personId });
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: 'unit.created',
      target: `enterprise:${enterpriseNumber}`,
      details: { unitId: unit.id, kind: unit.kind, name: unit.name, number: unit.number, grant: grant.by === 'mandate' ? `mandate:${grant.mandate.id}` : grant.by },
      requestId,
    });
    return unit;
  });
}

/** "Rechercher": the person of the national register behind a number, shown before the manager continues. */
export async function lookupPerson(ctx: Pick<AppContext, 'registers'>, nrnInput: string): Promise<RegisterPerson> {
  return registerPersonFor(ctx, nrnInput);
}

export interface NewMembershipInput {
  enterpriseNumber: string;
  nrn: string;
  /** '' or null: the enterprise as a whole. */
  unitId: string | null;
  category: MembershipCategory;
  workEmail: string;
  workPhone: string | null;
  startDate: string;
  endDate: string | null;
  reason: string;
}

/**
 * Adds a person to an enterprise (or one of its units) with their working
 * relationship, as the policy allows the actor (manage_users for the unit).
 * One open membership per person × enterprise × unit. Audited; the person
 * is told at their work address.
 */
export async function addMembership(ctx: AppContext, who: ActorRef, input: NewMembershipInput, requestId?: string): Promise<Membership> {
  const number = input.enterpriseNumber;
  if (!(await registeredEnterprise(ctx, number))) throw new NotFoundError();
  const unitId = input.unitId || null;
  const unit = unitId && UUID.test(unitId) ? await orgStore.findUnit(ctx.db, unitId) : undefined;
  if (unitId !== null && unit?.enterpriseNumber !== number) throw new InputError('unit', 'organisations.errors.unit');
  const grant = await authorize(ctx, who, { type: 'manage_users', enterprise: number, unitId });
  if (input.endDate !== null && input.endDate < input.startDate) throw new InputError('endDate', 'organisations.errors.until_before_from');
  const now = ctx.clock.now();
  if (input.endDate !== null && input.endDate < today(now)) throw new InputError('endDate', 'members.errors.end_past');
  const person = await personForIdentification(ctx, (await registerPersonFor(ctx, input.nrn)).nrn);
  const enterprise = await ctx.registers.enterprises.findEnterprise(number, { lang: person.language ?? ctx.config.defaultLanguage });
  return ctx.db.transaction().execute(async (trx) => {
    await orgStore.lockEnterprise(trx, number);
    if (await store.findOpenMembership(trx, number, person.id, unitId)) throw new InputError('nrn', 'members.errors.already_member');
    const membership = await store.insertMembership(trx, {
      enterpriseNumber: number,
      personId: person.id,
      unitId,
      category: input.category,
      workEmail: input.workEmail,
      workPhone: input.workPhone,
      startDate: input.startDate,
      endDate: input.endDate,
      reason: input.reason,
      createdAt: now,
      createdBy: who.personId,
    });
    await enqueueEmail(trx, {
      to: membership.workEmail,
      lang: person.language ?? ctx.config.defaultLanguage,
      template: membershipAddedEmail,
      params: {
        name: `${person.givenName} ${person.familyName}`,
        enterprise: `${enterprise?.name ?? ''} (${formatEnterpriseNumber(number)})`.trim(),
        unit: unit?.name ?? '',
        when: brussels.format(now),
        url: `${ctx.config.publicUrl}/`,
      },
      at: now,
    });
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: 'membership.added',
      target: `enterprise:${number}`,
      details: { membershipId: membership.id, person: person.nrn, unitId, category: membership.category, startDate: membership.startDate, endDate: membership.endDate, grant: grant.by === 'mandate' ? `mandate:${grant.mandate.id}` : grant.by },
      requestId,
    });
    return membership;
  });
}

/**
 * The open membership a right in this enterprise (and unit) is held
 * through: the one in the unit, else the one for the enterprise as a whole.
 */
export async function openMembershipOf(ctx: Pick<AppContext, 'db'>, enterpriseNumber: string, personId: string, unitId: string | null): Promise<Membership | undefined> {
  const inUnit = unitId ? await store.findOpenMembership(ctx.db, enterpriseNumber, personId, unitId) : undefined;
  return inUnit ?? store.findOpenMembership(ctx.db, enterpriseNumber, personId, null);
}

/** A membership of this enterprise, by id; NotFoundError otherwise. */
export async function membershipOf(ctx: Pick<AppContext, 'db'>, enterpriseNumber: string, id: string): Promise<Membership> {
  const membership = UUID.test(id) ? await store.findMembership(ctx.db, id) : undefined;
  if (!membership || membership.enterpriseNumber !== enterpriseNumber) throw new NotFoundError();
  return membership;
}

/** Ends a membership now, with a reason, as the policy allows the actor; what was held through it ends too. Audited and e-mailed. */
export async function endMembership(ctx: AppContext, who: ActorRef, enterpriseNumber: string, id: string, reason: string, requestId?: string): Promise<Membership> {
  const membership = await membershipOf(ctx, enterpriseNumber, id);
  const grant = await authorize(ctx, who, { type: 'manage_users', enterprise: enterpriseNumber, unitId: membership.unitId });
  const notice = await noticeFacts(ctx, membership);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await orgStore.lockEnterprise(trx, enterpriseNumber);
    const ended = await store.endMembershipRow(trx, membership.id, now, who.personId, reason);
    if (!ended) throw new InputError('reason', 'members.errors.already_ended');
    await afterEnd(ctx, trx, ended, now, notice, { actor: `person:${who.nrn}`, by: who.personId, requestId, grant: grant.by === 'mandate' ? `mandate:${grant.mandate.id}` : grant.by });
    return ended;
  });
}

/**
 * Ends several memberships with one reason, each as `endMembership` does (its own transaction, audit
 * and e-mail); one ended meanwhile by someone else is left as it is. Returns how many this call ended.
 */
export async function endMemberships(ctx: AppContext, who: ActorRef, enterpriseNumber: string, ids: readonly string[], reason: string, requestId?: string): Promise<number> {
  let ended = 0;
  for (const id of ids) {
    try {
      await endMembership(ctx, who, enterpriseNumber, id, reason, requestId);
      ended++;
    } catch (error) {
      if (!(error instanceof InputError && error.code === 'members.errors.already_ended')) throw error;
    }
  }
  return ended;
}

/**
 * Scheduled job: ends the memberships whose end date has passed, with the
 * "automatique" actor. Safe on several nodes: each end is a conditional
 * update (`WHERE ended_at IS NULL`), so of two nodes ending the same
 * membership exactly one does it, notifies and audits.
 */
export async function endExpiredMemberships(ctx: AppContext): Promise<{ ended: number }> {
  let ended = 0;
  const now = ctx.clock.now();
  for (const m of await store.listExpiredMemberships(ctx.db, today(now), 1000)) {
    const notice = await noticeFacts(ctx, m);
    const done = await ctx.db.transaction().execute(async (trx) => {
      const row = await store.endMembershipRow(trx, m.id, now, null, 'end_date_passed');
      if (row) await afterEnd(ctx, trx, row, now, notice, { actor: 'automatic', by: null });
      return row !== undefined;
    });
    if (done) ended++;
  }
  return { ended };
}

// ——— what ends with a membership ———

/** What other modules receive when a membership ends, inside its transaction. */
export interface MembershipEnded {
  membership: Membership;
  at: Date;
  /** persons.id of the manager, or null when it ended automatically. */
  by: string | null;
  /** The audit actor: `person:<nrn>` or `automatic`. */
  actor: string;
}
export type MembershipEndedListener = (trx: Trx, event: MembershipEnded) => Promise<void>;

const listeners: MembershipEndedListener[] = [];

/**
 * The hook for what is held through a membership: role management (issue 5)
 * registers here to end the role assignments of the person in that
 * enterprise (and unit). Listeners run inside the transaction that ends the
 * membership, so everything ends together or not at all. Returns a function
 * that removes the listener.
 */
export function onMembershipEnded(listener: MembershipEndedListener): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}

interface NoticeFacts {
  person: store.PersonName | undefined;
  lang: Lang;
  enterprise: string;
  unit: string;
}

/** What the notice of an end needs from the registers, read before the transaction (one connection may serve both). */
async function noticeFacts(ctx: AppContext, m: Membership): Promise<NoticeFacts> {
  const person = (await store.namesOf(ctx.db, [m.personId])).get(m.personId);
  const lang = person?.language ?? ctx.config.defaultLanguage;
  const enterprise = await ctx.registers.enterprises.findEnterprise(m.enterpriseNumber, { lang });
  const unit = m.unitId ? ((await orgStore.findUnit(ctx.db, m.unitId))?.name ?? '') : '';
  return { person, lang, enterprise: `${enterprise?.name ?? ''} (${formatEnterpriseNumber(m.enterpriseNumber)})`.trim(), unit };
}

async function afterEnd(ctx: AppContext, trx: Trx, m: Membership, at: Date, notice: NoticeFacts, who: { actor: string; by: string | null; requestId?: string; grant?: string }) {
  // The local-manager mandates the person held through this membership lapse with it.
  const open = await store.openMembershipUnits(trx, m.enterpriseNumber, m.personId);
  const mandates = (await orgStore.listLiveMandatesOfPerson(trx, m.personId)).filter((x) => x.enterpriseNumber === m.enterpriseNumber);
  const revoked: string[] = [];
  for (const mandate of mandatesLapsing(mandates, open)) {
    if (await orgStore.revokeMandateRow(trx, mandate.id, at, who.by, 'revoked')) revoked.push(mandate.id);
  }
  for (const listener of listeners) await listener(trx, { membership: m, at, by: who.by, actor: who.actor });
  const person = notice.person;
  await enqueueEmail(trx, {
    to: m.workEmail,
    lang: notice.lang,
    template: membershipEndedEmail,
    params: {
      name: person ? `${person.givenName} ${person.familyName}` : '',
      enterprise: notice.enterprise,
      unit: notice.unit,
      when: brussels.format(at),
      automatic: who.by === null,
      url: `${ctx.config.publicUrl}/`,
    },
    at,
  });
  for (const id of revoked) {
    await recordAudit(trx, at, { actor: who.actor, action: 'mandate.revoked', target: `enterprise:${m.enterpriseNumber}`, details: { mandateId: id, person: person?.nrn ?? null, cause: 'membership_ended', membershipId: m.id }, requestId: who.requestId });
  }
  await recordAudit(trx, at, {
    actor: who.actor,
    action: 'membership.ended',
    target: `enterprise:${m.enterpriseNumber}`,
    details: { membershipId: m.id, person: person?.nrn ?? null, unitId: m.unitId, reason: m.endReason, revokedMandates: revoked, ...(who.grant ? { grant: who.grant } : {}) },
    requestId: who.requestId,
  });
}
