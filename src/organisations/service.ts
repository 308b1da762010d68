import { personById, personForIdentification, type Person } from '../identity/service';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../platform/errors';
import { translator } from '../platform/i18n/translate';
import type { Lang } from '../platform/i18n/languages';
import { enqueueEmail } from '../platform/outbox';
import { checkEnterpriseNumber, checkNrn, formatEnterpriseNumber } from '../registries/identifiers';
import type { Enterprise, RegisterPerson } from '../registries/ports';
import { isCurrent, mandateState, today, type MandateKind, type MandateState } from './model';
import { mandateDesignatedEmail, mandateRevokedEmail, principalDesignatedEmail, principalReplacedEmail } from './notices';
import { catalogOf } from '../access/catalog/service';
import { applicationNamesIn, domainNamesIn, scopeLabel } from './labels';
import { grantFor, type Action, type Actor, type Grant, type MandateTarget } from './policy';
import * as store from './store';
import type { MandateRecord, RegisteredEnterprise, Unit } from './store';

export type { MandateRecord, RegisteredEnterprise, Unit } from './store';

/** Who acts: the identified person of the session. */
export interface ActorRef {
  personId: string;
  nrn: string;
}

const brussels = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'short' });

// ——— Queries other modules use ———

/**
 * The policy's view of a person for one enterprise: their live mandates
 * (every enterprise) and whether the register lists them as a legal
 * representative of this one today.
 */
export async function actorFor(ctx: Pick<AppContext, 'db' | 'registers' | 'clock'>, who: ActorRef, enterpriseNumber: string): Promise<Actor> {
  const [mandates, representative] = await Promise.all([
    store.listLiveMandatesOfPerson(ctx.db, who.personId),
    ctx.registers.enterprises.isLegalRepresentative(who.nrn, enterpriseNumber, ctx.clock.now()),
  ]);
  return { personId: who.personId, mandates, representativeOf: representative ? [enterpriseNumber] : [] };
}

/** Allows the action or throws ForbiddenError; returns the grant, for the audit event. */
export async function authorize(ctx: Pick<AppContext, 'db' | 'registers' | 'clock'>, who: ActorRef, action: Action): Promise<Grant> {
  const actor = await actorFor(ctx, who, action.enterprise);
  const grant = grantFor(actor, action, ctx.clock.now());
  if (!grant) throw new ForbiddenError('organisations.errors.forbidden');
  return grant;
}

/** The current mandates of a person, in every enterprise: what they manage today (for the enterprise chooser). */
export async function currentMandatesOf(ctx: Pick<AppContext, 'db' | 'clock'>, personId: string): Promise<MandateRecord[]> {
  const now = ctx.clock.now();
  return (await store.listLiveMandatesOfPerson(ctx.db, personId)).filter((m) => isCurrent(m, now));
}

/** Every mandate of an enterprise, revoked and expired ones included, newest first. */
export async function mandatesOfEnterprise(ctx: Pick<AppContext, 'db'>, enterpriseNumber: string): Promise<MandateRecord[]> {
  return store.listMandatesOfEnterprise(ctx.db, enterpriseNumber);
}

export async function registeredEnterprise(ctx: Pick<AppContext, 'db'>, number: string): Promise<RegisteredEnterprise | undefined> {
  return store.findRegisteredEnterprise(ctx.db, number);
}

export async function unitById(ctx: Pick<AppContext, 'db'>, id: string): Promise<Unit | undefined> {
  return store.findUnit(ctx.db, id);
}

// ——— Registration and the principal access manager ———

export interface RegistrationCheck {
  enterprise: Enterprise;
  /** The principal access manager today, when the enterprise is already registered. */
  principal: ManagerView | null;
}

/**
 * Step one of registration: the number is valid, the register knows the
 * enterprise, it is active, and the person holds a current legal function
 * that represents it. Each failure is an InputError on `enterpriseNumber`.
 */
export async function checkRegistration(ctx: AppContext, who: ActorRef, numberInput: string, lang: Lang): Promise<RegistrationCheck> {
  const checked = checkEnterpriseNumber(numberInput);
  if (!checked.ok) throw new InputError('enterpriseNumber', checked.error);
  const enterprise = await ctx.registers.enterprises.findEnterprise(checked.value, { lang });
  if (!enterprise) throw new InputError('enterpriseNumber', 'organisations.errors.enterprise_unknown', { number: formatEnterpriseNumber(checked.value) });
  if (!enterprise.active) throw new InputError('enterpriseNumber', 'organisations.errors.enterprise_inactive', { number: formatEnterpriseNumber(checked.value) });
  if (!(await ctx.registers.enterprises.isLegalRepresentative(who.nrn, enterprise.number, ctx.clock.now()))) {
    throw new InputError('enterpriseNumber', 'organisations.errors.not_representative', { number: formatEnterpriseNumber(checked.value) });
  }
  const live = await store.findLivePrincipal(ctx.db, enterprise.number);
  return { enterprise, principal: live ? await viewOf(ctx, live) : null };
}

/** A person of the national register to designate, by number; an InputError on `field` when unknown or deceased. */
export async function registerPersonFor(ctx: Pick<AppContext, 'registers'>, nrnInput: string, field = 'nrn'): Promise<RegisterPerson> {
  const checked = checkNrn(nrnInput);
  if (!checked.ok) throw new InputError(field, checked.error);
  const person = await ctx.registers.persons.findPerson(checked.value.nrn);
  if (!person || person.deathDate) throw new InputError(field, 'organisations.errors.person_unknown');
  return person;
}

export interface PrincipalDesignation {
  enterpriseNumber: string;
  /** The principal access manager's national register number: the legal representative's own, or another person's. */
  nrn: string;
  email: string;
  /** E.164. */
  phone: string;
  /** The principal's mandate id the legal representative saw (null: none); if it changed since, nothing is done. */
  expectedPrincipalId: string | null;
}

export interface PrincipalDesignated {
  mandate: MandateRecord;
  /** True when this designation registered the enterprise on the platform. */
  registered: boolean;
  replaced: MandateRecord | null;
}

/**
 * Registers the enterprise if needed and designates its principal access
 * manager, replacing the current one (who is told by e-mail). Only a legal
 * representative may; two designations decided on the same view of the
 * enterprise resolve to exactly one, the other fails with
 * `organisations.errors.principal_changed`.
 */
export async function designatePrincipal(ctx: AppContext, who: ActorRef, input: PrincipalDesignation, requestId?: string): Promise<PrincipalDesignated> {
  const check = await checkRegistration(ctx, who, input.enterpriseNumber, 'fr');
  const number = check.enterprise.number;
  await authorize(ctx, who, { type: 'designate_principal', enterprise: number });
  const registerPerson = await registerPersonFor(ctx, input.nrn);
  const principal = await personForIdentification(ctx, registerPerson.nrn);
  const actorPerson = await personById(ctx, who.personId);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const registered = await store.insertEnterpriseIfAbsent(trx, number, now, who.personId);
    await store.lockEnterprise(trx, number);
    const live = await store.findLivePrincipal(trx, number);
    if ((live?.id ?? null) !== input.expectedPrincipalId) throw new AppError('organisations.errors.principal_changed', 409);
    const replaced = live ? ((await store.revokeMandateRow(trx, live.id, now, who.personId, 'replaced')) ?? null) : null;
    const mandate = await store.insertMandate(trx, {
      enterpriseNumber: number,
      personId: principal.id,
      kind: 'principal',
      validFrom: today(now),
      validUntil: null,
      contactEmail: input.email,
      contactPhone: input.phone,
      at: now,
      by: who.personId,
    });
    const enterpriseName = `${check.enterprise.name ?? ''} (${formatEnterpriseNumber(number)})`.trim();
    const by = actorPerson ? fullName(actorPerson) : who.nrn;
    const url = `${ctx.config.publicUrl}/organisations/${number}/managers`;
    await enqueueEmail(trx, {
      to: input.email,
      lang: languageOf(ctx, principal),
      template: principalDesignatedEmail,
      params: { name: fullName(principal), enterprise: enterpriseName, when: brussels.format(now), by, url, registered },
      at: now,
    });
    if (replaced?.contactEmail && replaced.personId !== principal.id) {
      const former = await personById({ db: trx }, replaced.personId);
      await enqueueEmail(trx, {
        to: replaced.contactEmail,
        lang: former ? languageOf(ctx, former) : ctx.config.defaultLanguage,
        template: principalReplacedEmail,
        params: { name: former ? fullName(former) : '', enterprise: enterpriseName, when: brussels.format(now), by, url, successor: fullName(principal) },
        at: now,
      });
    }
    if (registered) {
      await recordAudit(trx, now, { actor: `person:${who.nrn}`, action: 'enterprise.registered', target: `enterprise:${number}`, requestId });
    }
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: 'mandate.designated',
      target: `enterprise:${number}`,
      details: { mandateId: mandate.id, kind: 'principal', person: principal.nrn, replaced: replaced?.id ?? null, grant: 'legal_representative' },
      requestId,
    });
    return { mandate, registered, replaced };
  });
}

// ——— Managers of an enterprise ———

/** A mandate with the names pages show. */
export interface ManagerView extends MandateRecord {
  person: { nrn: string; givenName: string; familyName: string };
  state: MandateState;
  /** The unit (capacity) of a local manager. */
  unit: Unit | null;
}

async function viewOf(ctx: Pick<AppContext, 'db' | 'clock'>, mandate: MandateRecord): Promise<ManagerView> {
  const [person, unit] = await Promise.all([personById(ctx, mandate.personId), mandate.unitId ? store.findUnit(ctx.db, mandate.unitId) : undefined]);
  return {
    ...mandate,
    person: { nrn: person?.nrn ?? '', givenName: person?.givenName ?? '', familyName: person?.familyName ?? '' },
    state: mandateState(mandate, ctx.clock.now()),
    unit: unit ?? null,
  };
}

export interface ManagersOverview {
  enterprise: Enterprise;
  registration: RegisteredEnterprise;
  actor: Actor;
  /** Every mandate not revoked, current, scheduled or expired, principal first. */
  managers: ManagerView[];
}

/** "Gestionnaires d'accès" of an enterprise, for whoever the policy lets see them. */
export async function managersOf(ctx: AppContext, who: ActorRef, numberInput: string, lang: Lang): Promise<ManagersOverview> {
  const checked = checkEnterpriseNumber(numberInput);
  const registration = checked.ok ? await store.findRegisteredEnterprise(ctx.db, checked.value) : undefined;
  if (!checked.ok || !registration) throw new NotFoundError();
  await authorize(ctx, who, { type: 'view_managers', enterprise: registration.number });
  const [enterprise, actor, all] = await Promise.all([
    ctx.registers.enterprises.findEnterprise(registration.number, { lang }),
    actorFor(ctx, who, registration.number),
    store.listMandatesOfEnterprise(ctx.db, registration.number),
  ]);
  if (!enterprise) throw new NotFoundError();
  const order: MandateKind[] = ['principal', 'co_principal', 'entity_access_responsible', 'domain_access_manager', 'application_administrator', 'local_manager'];
  const live = all.filter((m) => m.revokedAt === null).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { enterprise, registration, actor, managers: await Promise.all(live.map((m) => viewOf(ctx, m))) };
}

export interface ManagerDesignation {
  enterpriseNumber: string;
  kind: Exclude<MandateKind, 'principal'>;
  nrn: string;
  email: string;
  domain?: string | null;
  application?: string | null;
  unitId?: string | null;
  /** YYYY-MM-DD, today or later. */
  validFrom: string;
  /** YYYY-MM-DD or null for unlimited. */
  validUntil: string | null;
}

/**
 * Designates a co-principal, an access manager of a domain, an application
 * administrator, the entity access responsible or a local manager, as the
 * policy allows the actor. The person is told by e-mail; audited.
 */
export async function designateManager(ctx: AppContext, who: ActorRef, input: ManagerDesignation, requestId?: string): Promise<MandateRecord> {
  const registration = await store.findRegisteredEnterprise(ctx.db, input.enterpriseNumber);
  if (!registration) throw new NotFoundError();
  const number = registration.number;
  const { target, unit } = await targetOf(ctx, number, input);
  const grant = await authorize(ctx, who, { type: 'designate', enterprise: number, mandate: target });
  const now = ctx.clock.now();
  if (input.validFrom < today(now)) throw new InputError('validFrom', 'organisations.errors.from_past');
  if (input.validUntil !== null && input.validUntil < input.validFrom) throw new InputError('validUntil', 'organisations.errors.until_before_from');
  const person = await personForIdentification(ctx, (await registerPersonFor(ctx, input.nrn)).nrn);
  const actorPerson = await personById(ctx, who.personId);
  const enterprise = await ctx.registers.enterprises.findEnterprise(number, { lang: languageOf(ctx, person) });
  const catalog = await catalogOf(ctx);
  const domainName = domainNamesIn(catalog.domains, languageOf(ctx, person));
  const applicationName = applicationNamesIn(catalog.applications, languageOf(ctx, person));
  return ctx.db.transaction().execute(async (trx) => {
    await store.lockEnterprise(trx, number);
    const existing = (await store.listMandatesOfEnterprise(trx, number)).filter((m) => m.revokedAt === null);
    // One entity access responsible at a time (a unique index guards it too): the current one is revoked first.
    if (target.kind === 'entity_access_responsible' && existing.some((m) => m.kind === 'entity_access_responsible')) {
      throw new InputError('nrn', 'organisations.errors.one_entity_access_responsible');
    }
    const overlapping = existing.some(
      (m) =>
        m.personId === person.id &&
        m.kind === target.kind &&
        m.domain === (target.domain ?? null) &&
        m.application === (target.application ?? null) &&
        m.unitId === (target.unitId ?? null) &&
        (m.validUntil === null || m.validUntil >= input.validFrom) &&
        (input.validUntil === null || m.validFrom <= input.validUntil),
    );
    if (overlapping) throw new InputError('nrn', 'organisations.errors.already_holds');
    const mandate = await store.insertMandate(trx, {
      enterpriseNumber: number,
      personId: person.id,
      kind: target.kind,
      domain: target.domain ?? null,
      application: target.application ?? null,
      unitId: target.unitId ?? null,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      contactEmail: input.email,
      at: now,
      by: who.personId,
    });
    const lang = languageOf(ctx, person);
    const t = translator(lang);
    await enqueueEmail(trx, {
      to: input.email,
      lang,
      template: mandateDesignatedEmail,
      params: {
        name: fullName(person),
        enterprise: `${enterprise?.name ?? ''} (${formatEnterpriseNumber(number)})`.trim(),
        when: brussels.format(now),
        by: actorPerson ? fullName(actorPerson) : who.nrn,
        url: `${ctx.config.publicUrl}/organisations/${number}/managers`,
        kind: target.kind,
        scope: scopeLabel(t, mandate, unit, domainName, applicationName),
        validity: validityText(t, mandate),
      },
      at: now,
    });
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: 'mandate.designated',
      target: `enterprise:${number}`,
      details: { mandateId: mandate.id, kind: mandate.kind, person: person.nrn, domain: mandate.domain, application: mandate.application, unitId: mandate.unitId, validFrom: mandate.validFrom, validUntil: mandate.validUntil, grant: grantText(grant) },
      requestId,
    });
    return mandate;
  });
}

/** The mandate of this enterprise with this id, with names; NotFoundError otherwise. */
export async function managerOf(ctx: AppContext, numberInput: string, mandateId: string): Promise<ManagerView> {
  const mandate = /^[0-9a-f-]{36}$/i.test(mandateId) ? await store.findMandate(ctx.db, mandateId) : undefined;
  if (!mandate || mandate.enterpriseNumber !== numberInput || mandate.revokedAt !== null) throw new NotFoundError();
  return viewOf(ctx, mandate);
}

/** Revokes a mandate as the policy allows the actor (never the principal's: a principal is replaced). E-mailed and audited. */
export async function revokeManager(ctx: AppContext, who: ActorRef, enterpriseNumber: string, mandateId: string, requestId?: string): Promise<MandateRecord> {
  const mandate = await managerOf(ctx, enterpriseNumber, mandateId);
  const grant = await authorize(ctx, who, { type: 'revoke', enterprise: mandate.enterpriseNumber, mandate });
  const now = ctx.clock.now();
  const person = await personById(ctx, mandate.personId);
  const actorPerson = await personById(ctx, who.personId);
  const lang = person ? languageOf(ctx, person) : ctx.config.defaultLanguage;
  const enterprise = await ctx.registers.enterprises.findEnterprise(mandate.enterpriseNumber, { lang });
  const catalog = await catalogOf(ctx);
  const domainName = domainNamesIn(catalog.domains, lang);
  const applicationName = applicationNamesIn(catalog.applications, lang);
  return ctx.db.transaction().execute(async (trx) => {
    await store.lockEnterprise(trx, mandate.enterpriseNumber);
    const revoked = await store.revokeMandateRow(trx, mandate.id, now, who.personId, 'revoked');
    if (!revoked) throw new NotFoundError();
    if (revoked.contactEmail) {
      const t = translator(lang);
      await enqueueEmail(trx, {
        to: revoked.contactEmail,
        lang,
        template: mandateRevokedEmail,
        params: {
          name: person ? fullName(person) : '',
          enterprise: `${enterprise?.name ?? ''} (${formatEnterpriseNumber(mandate.enterpriseNumber)})`.trim(),
          when: brussels.format(now),
          by: actorPerson ? fullName(actorPerson) : who.nrn,
          url: `${ctx.config.publicUrl}/organisations/${mandate.enterpriseNumber}/managers`,
          kind: revoked.kind,
          scope: scopeLabel(t, revoked, mandate.unit, domainName, applicationName),
        },
        at: now,
      });
    }
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: 'mandate.revoked',
      target: `enterprise:${mandate.enterpriseNumber}`,
      details: { mandateId: mandate.id, kind: mandate.kind, person: mandate.person.nrn, grant: grantText(grant) },
      requestId,
    });
    return revoked;
  });
}

/** Creates a unit of a registered enterprise (a minimal helper until the units module lands; tests use it). */
export async function createUnit(ctx: Pick<AppContext, 'db'>, unit: Omit<Unit, 'id'>): Promise<Unit> {
  return store.insertUnit(ctx.db, unit);
}

// ——— helpers ———

/** A domain access managers may be designated for: one of the catalog's current domains. */
async function isCatalogDomain(ctx: AppContext, domain: string | null | undefined): Promise<boolean> {
  return !!domain && (await catalogOf(ctx)).domain(domain) !== undefined;
}

/** The scope of the mandate asked for, checked; with the unit of a local manager, for the e-mail. */
async function targetOf(ctx: AppContext, enterpriseNumber: string, input: ManagerDesignation): Promise<{ target: MandateTarget; unit: Unit | null }> {
  switch (input.kind) {
    case 'co_principal':
    case 'entity_access_responsible':
      return { target: { kind: input.kind }, unit: null };
    case 'domain_access_manager':
      if (!(await isCatalogDomain(ctx, input.domain))) throw new InputError('domain', 'organisations.errors.domain');
      return { target: { kind: input.kind, domain: input.domain }, unit: null };
    case 'application_administrator':
      if (!(await isCatalogDomain(ctx, input.domain))) throw new InputError('domain', 'organisations.errors.domain');
      if (!input.application || !/^[a-z0-9][a-z0-9_.-]{0,99}$/.test(input.application)) throw new InputError('application', 'errors.field.invalid', { field: 'application' });
      return { target: { kind: input.kind, domain: input.domain, application: input.application }, unit: null };
    case 'local_manager': {
      const unit = input.unitId && /^[0-9a-f-]{36}$/i.test(input.unitId) ? await store.findUnit(ctx.db, input.unitId) : undefined;
      if (!unit || unit.enterpriseNumber !== enterpriseNumber) throw new InputError('unitId', 'organisations.errors.unit');
      return { target: { kind: input.kind, unitId: unit.id }, unit };
    }
  }
}

function fullName(person: Pick<Person, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`;
}

function languageOf(ctx: Pick<AppContext, 'config'>, person: Pick<Person, 'language'>): Lang {
  return person.language ?? ctx.config.defaultLanguage;
}

function grantText(grant: Grant): string {
  return grant.by === 'legal_representative' ? 'legal_representative' : `mandate:${grant.mandate.id}`;
}

export function validityText(t: ReturnType<typeof translator>, m: Pick<MandateRecord, 'validFrom' | 'validUntil'>): string {
  const day = (iso: string) => iso.split('-').reverse().join('/');
  return m.validUntil ? t('organisations.validity.bounded', { from: day(m.validFrom), until: day(m.validUntil) }) : t('organisations.validity.unlimited', { from: day(m.validFrom) });
}
