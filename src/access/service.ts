import { personById, type Person } from '../identity/service';
import { isCurrent, today } from '../organisations/model';
import { grantFor, may, type Grant } from '../organisations/policy';
import { actorFor, mandatesOfEnterprise, registeredEnterprise, unitById, type ActorRef } from '../organisations/service';
import { onMembershipEnded, openMembershipOf } from '../organisations/members/service';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import type { Trx } from '../platform/db/database';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../platform/errors';
import type { Lang } from '../platform/i18n/languages';
import { translator } from '../platform/i18n/translate';
import { enqueueEmail } from '../platform/outbox';
import { formatDate } from '../platform/views/format';
import { formatEnterpriseNumber } from '../registries/identifiers';
import { catalogOf, type Catalog, type Role } from './catalog/service';
import { checkValidity, eventOfRequest, possibleRequests, transition, type AssignmentEvent, type RequestKind, type RequestVia } from './model';
import { changedEmail, decisionConfirmedEmail, grantedEmail, rejectedEmail, requestReceivedEmail, taskWaitingEmail, type ChangeNotice } from './notices';
import * as store from './store';
import type { Assignment, AssignmentRequest } from './store';

export type { Assignment, AssignmentRequest, HistoryEntry } from './store';
export type { ActorRef } from '../organisations/service';

/*
 * Role assignments change only through requests (DESIGN.md: "every change
 * is a request that is approved"). A request is approved at once when the
 * actor may decide it (policy.ts, `manage_assignments`), when it is a
 * person's own request for a role whose approval is automatic, or when a
 * person gives up their own right; otherwise it waits in the managers' open
 * tasks. Each function reads what it needs first, then writes everything
 * (assignment, request, history, audit event, e-mails) in one transaction.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewAssignmentInput {
  personId: string;
  enterpriseNumber: string;
  unitId: string | null;
  applicationId: string;
  roleCode: string;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD; null: unlimited. */
  validUntil: string | null;
  /** The address the person gave (invitation, self-request). */
  contactEmail?: string | null;
  message?: string;
}

export interface RequestOptions {
  via: RequestVia;
  invitationId?: string | null;
  /** The HTTP request id, for the audit events. */
  requestId?: string;
}

export interface Outcome {
  assignment: Assignment;
  request: AssignmentRequest;
  /** Whether the request was decided at once (approved) or waits for a manager. */
  decided: boolean;
}

/** The policy action for an assignment (or a role in an enterprise and unit). */
function manageAction(catalog: Catalog, a: { enterpriseNumber: string; applicationId: string; unitId: string | null }) {
  const application = catalog.application(a.applicationId);
  return { type: 'manage_assignments' as const, enterprise: a.enterpriseNumber, domain: application?.domainId ?? '', application: a.applicationId, unitId: a.unitId };
}

/** The grant by which `who` may decide requests on this right, or null. */
export async function deciderGrant(ctx: AppContext, who: ActorRef, a: { enterpriseNumber: string; applicationId: string; unitId: string | null }): Promise<Grant | null> {
  const catalog = await catalogOf(ctx);
  const actor = await actorFor(ctx, who, a.enterpriseNumber);
  return grantFor(actor, manageAction(catalog, a), ctx.clock.now());
}

function grantLabel(grant: Grant | null): string {
  if (!grant) return 'automatic';
  return grant.by === 'mandate' ? `mandate:${grant.mandate.id}` : grant.by;
}

// ——— facts for notices, read before a transaction (PGlite serves one session at a time) ———

interface Facts {
  person: Person;
  lang: Lang;
  /** Where the person's notices go: the contact address given, else the profile's; null: none known. */
  email: string | null;
  enterprise: string;
  role: Role;
}

async function factsOf(ctx: AppContext, catalog: Catalog, a: Pick<Assignment, 'personId' | 'enterpriseNumber' | 'applicationId' | 'roleCode' | 'contactEmail'>): Promise<Facts> {
  const person = await personById(ctx, a.personId);
  if (!person) throw new NotFoundError();
  const role = catalog.role(a.applicationId, a.roleCode);
  if (!role) throw new InputError('role', 'access.errors.role_unknown');
  const lang = person.language ?? ctx.config.defaultLanguage;
  const enterprise = await ctx.registers.enterprises.findEnterprise(a.enterpriseNumber, { lang });
  return { person, lang, email: a.contactEmail ?? person.email, enterprise: `${enterprise?.name ?? ''} (${formatEnterpriseNumber(a.enterpriseNumber)})`.trim(), role };
}

const fullName = (p: Pick<Person, 'givenName' | 'familyName'>) => `${p.givenName} ${p.familyName}`;

/** The managers who may decide requests on this right, with where to reach them (the mandate's contact address, else the profile's). */
async function decidersOf(ctx: AppContext, catalog: Catalog, a: { enterpriseNumber: string; applicationId: string; unitId: string | null }) {
  const now = ctx.clock.now();
  const action = manageAction(catalog, a);
  const byPerson = new Map<string, string | null>();
  for (const m of await mandatesOfEnterprise(ctx, a.enterpriseNumber)) {
    if (!isCurrent(m, now) || !may({ personId: m.personId, mandates: [m], representativeOf: [] }, action, now)) continue;
    if (!byPerson.get(m.personId)) byPerson.set(m.personId, m.contactEmail);
  }
  const deciders: { person: Person; email: string; lang: Lang }[] = [];
  for (const [personId, contact] of byPerson) {
    const person = await personById(ctx, personId);
    const email = contact ?? person?.email;
    if (person && email) deciders.push({ person, email, lang: person.language ?? ctx.config.defaultLanguage });
  }
  return deciders;
}

// ——— new rights ———

/**
 * Requests new role assignments, all in one transaction (an invitation's
 * roles, a direct assignment to several persons): each becomes a requested
 * assignment with a pending "assign" request, approved at once when the
 * actor may decide, or for a person's own request of a role with automatic
 * approval while they are a member of the enterprise.
 */
export async function requestAssignments(ctx: AppContext, who: ActorRef, inputs: readonly NewAssignmentInput[], options: RequestOptions): Promise<Outcome[]> {
  const catalog = await catalogOf(ctx);
  const now = ctx.clock.now();
  const day = today(now);
  const prepared: { input: NewAssignmentInput; role: Role; grant: Grant | null; decided: boolean; membershipId: string | null; facts: Facts; deciders: Awaited<ReturnType<typeof decidersOf>> }[] = [];
  for (const input of inputs) {
    const role = catalog.role(input.applicationId, input.roleCode);
    if (!role) throw new InputError('role', 'access.errors.role_unknown');
    if (!(await registeredEnterprise(ctx, input.enterpriseNumber))) throw new InputError('enterprise', 'access.errors.enterprise_not_registered');
    await checkUnit(ctx, role, input);
    const validityError = checkValidity({ validFrom: input.validFrom, validUntil: input.validUntil, today: day }, { endRequired: role.endDateRequired, isNew: true });
    if (validityError) throw new InputError(validityError === 'access.errors.start_in_past' ? 'validFrom' : 'validUntil', validityError);
    const grant = await deciderGrant(ctx, who, input);
    const self = input.personId === who.personId;
    if (!grant && !self) throw new ForbiddenError(options.via === 'manager' ? 'access.errors.forbidden' : 'access.errors.own_request_only');
    const membership = await openMembershipOf(ctx, input.enterpriseNumber, input.personId, input.unitId);
    const automatic = !grant && self && options.via === 'self' && role.approval === 'automatic' && membership !== undefined;
    const facts = await factsOf(ctx, catalog, { ...input, contactEmail: input.contactEmail ?? null });
    const deciders = grant || automatic ? [] : await decidersOf(ctx, catalog, input);
    prepared.push({ input, role, grant, decided: grant !== null || automatic, membershipId: membership?.id ?? null, facts, deciders });
  }
  const requester = (await personById(ctx, who.personId))!;

  return ctx.db.transaction().execute(async (trx) => {
    // An invitation withdrawn or expired since the caller looked at it accepts no one; the lock makes a
    // concurrent withdrawal wait for this acceptance, or this acceptance see the withdrawal.
    if (options.invitationId && !(await store.lockOpenInvitation(trx, options.invitationId, now))) throw new AppError('access.invitations.errors.closed', 409);
    const outcomes: Outcome[] = [];
    for (const p of prepared) {
      const { input } = p;
      const assignment = await store.insertRequestedAssignment(trx, { ...input, contactEmail: input.contactEmail ?? null, membershipId: p.membershipId }, now);
      if (!assignment) throw new InputError('role', 'access.errors.already_assigned', { person: fullName(p.facts.person), role: p.role.names[p.facts.lang] });
      const request = (await store.insertPendingRequest(
        trx,
        {
          assignmentId: assignment.id,
          kind: 'assign',
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          unlimited: input.validUntil === null,
          via: options.via,
          invitationId: options.invitationId ?? null,
          message: input.message ?? '',
          requestedBy: who.personId,
        },
        now,
      ))!;
      await store.appendHistory(trx, { assignmentId: assignment.id, at: now, actorId: who.personId, action: 'assign.requested', details: { requestId: request.id, via: options.via, ...(input.message ? { reason: input.message } : {}) } });
      await recordAudit(trx, now, {
        actor: `person:${who.nrn}`,
        action: 'role_assignment.requested',
        target: `enterprise:${input.enterpriseNumber}`,
        details: { assignmentId: assignment.id, requestId: request.id, person: p.facts.person.nrn, application: input.applicationId, role: input.roleCode, unitId: input.unitId, validFrom: input.validFrom, validUntil: input.validUntil, via: options.via },
        requestId: options.requestId,
      });
      if (p.decided) {
        const decided = await approveInTrx(ctx, trx, { request, assignment, facts: p.facts, decidedBy: p.grant ? who : null, deciderName: p.grant ? fullName(requester) : null, grant: p.grant, requester, requestId: options.requestId });
        outcomes.push({ ...decided, decided: true });
      } else {
        await notifyPending(ctx, trx, { assignment, facts: p.facts, deciders: p.deciders }, now);
        outcomes.push({ assignment, request, decided: false });
      }
    }
    return outcomes;
  });
}

async function checkUnit(ctx: AppContext, role: Role, input: { enterpriseNumber: string; unitId: string | null }) {
  if (role.unitKind === null) {
    if (input.unitId !== null) throw new InputError('unit', 'access.errors.unit_not_allowed');
    return;
  }
  if (input.unitId === null) throw new InputError('unit', 'access.errors.unit_required');
  const unit = UUID.test(input.unitId) ? await unitById(ctx, input.unitId) : undefined;
  if (!unit || unit.enterpriseNumber !== input.enterpriseNumber || unit.kind !== role.unitKind) throw new InputError('unit', 'access.errors.unit_mismatch');
}

async function notifyPending(ctx: AppContext, trx: Trx, p: { assignment: Assignment; facts: Facts; deciders: Awaited<ReturnType<typeof decidersOf>> }, at: Date) {
  const { facts } = p;
  if (facts.email) {
    await enqueueEmail(trx, {
      to: facts.email,
      lang: facts.lang,
      template: requestReceivedEmail,
      params: { name: fullName(facts.person), role: facts.role.names[facts.lang], enterprise: facts.enterprise, url: `${ctx.config.publicUrl}/access/mine` },
      at,
    });
  }
  for (const d of p.deciders) {
    await enqueueEmail(trx, {
      to: d.email,
      lang: d.lang,
      template: taskWaitingEmail,
      params: { name: fullName(d.person), person: fullName(facts.person), role: facts.role.names[d.lang], enterprise: facts.enterprise, url: `${ctx.config.publicUrl}/access/tasks` },
      at,
    });
  }
}

// ——— decisions ———

interface Approval {
  request: AssignmentRequest;
  assignment: Assignment;
  facts: Facts;
  /** The manager who decided; null: approved automatically. */
  decidedBy: ActorRef | null;
  /** That manager's name, for the person's e-mail ("Approbateur"). */
  deciderName: string | null;
  grant: Grant | null;
  /** Who asked: the decider is confirmed by e-mail when it is someone else. */
  requester: Person;
  /** Where the deciding manager's confirmation goes (a decision on someone else's request only). */
  confirmTo?: { person: Person; email: string; lang: Lang };
  requestId?: string;
}

/** Approves a pending request inside the caller's transaction; AppError when another decision came first or the change no longer fits. */
async function approveInTrx(ctx: AppContext, trx: Trx, a: Approval): Promise<{ assignment: Assignment; request: AssignmentRequest }> {
  const now = ctx.clock.now();
  const day = today(now);
  const request = await store.decidePendingRequest(trx, a.request.id, { status: 'approved', by: a.decidedBy?.personId ?? null, reason: null }, now);
  if (!request) throw new AppError('access.errors.already_decided', 409);
  const current = (await store.lockAssignment(trx, a.assignment.id))!;
  const validFrom = request.kind === 'assign' ? (request.validFrom ?? current.validFrom) : current.validFrom;
  const validUntil = request.validUntil !== null || request.unlimited ? request.validUntil : current.validUntil;
  const event: AssignmentEvent = eventOfRequest(request.kind);
  const next = transition(current.status, event, { validFrom, validUntil, today: day });
  if (next === null) throw new AppError('access.errors.not_possible', 409);
  const assignment = await store.updateAssignment(trx, current.id, { status: next, validFrom, validUntil }, now);
  const actorId = a.decidedBy?.personId ?? null;
  await store.appendHistory(trx, { assignmentId: assignment.id, at: now, actorId, action: `${request.kind}.approved`, details: { requestId: request.id } });
  const granted = (request.kind === 'assign' || request.kind === 'restart' || request.kind === 'reactivate') && next === 'active';
  if (granted && request.kind === 'assign') await store.appendHistory(trx, { assignmentId: assignment.id, at: now, actorId: null, action: 'granted' });
  await recordAudit(trx, now, {
    actor: a.decidedBy ? `person:${a.decidedBy.nrn}` : 'automatic',
    action: `role_assignment.${request.kind}.approved`,
    target: `enterprise:${assignment.enterpriseNumber}`,
    details: { assignmentId: assignment.id, requestId: request.id, status: next, validFrom, validUntil, grant: grantLabel(a.grant) },
    requestId: a.requestId,
  });
  await notifyApproved(ctx, trx, a, request, assignment, now);
  return { assignment, request };
}

function periodParams(t: ReturnType<typeof translator>, a: Pick<Assignment, 'validFrom' | 'validUntil'>) {
  return { from: formatDate(a.validFrom), until: a.validUntil ? formatDate(a.validUntil) : t('access.unlimited') };
}

async function notifyApproved(ctx: AppContext, trx: Trx, a: Approval, request: AssignmentRequest, assignment: Assignment, at: Date) {
  const { facts } = a;
  const t = translator(facts.lang);
  const common = { name: fullName(facts.person), role: facts.role.names[facts.lang], enterprise: facts.enterprise, url: `${ctx.config.publicUrl}/access/mine` };
  if (facts.email) {
    if (request.kind === 'assign') {
      await enqueueEmail(trx, {
        to: facts.email,
        lang: facts.lang,
        template: grantedEmail,
        params: { ...common, ...periodParams(t, assignment), description: facts.role.shortDescriptions[facts.lang], scheduled: assignment.status === 'scheduled' },
        at,
      });
    } else {
      await enqueueEmail(trx, {
        to: facts.email,
        lang: facts.lang,
        template: changedEmail,
        params: { ...common, ...periodParams(t, assignment), change: request.kind as ChangeNotice, ...(a.deciderName ? { approver: a.deciderName } : {}) },
        at,
      });
    }
  }
  // The guide confirms a decision on someone's request to the deciding manager too.
  if (a.confirmTo && request.via !== 'manager') {
    const { person, email, lang } = a.confirmTo;
    await enqueueEmail(trx, {
      to: email,
      lang,
      template: decisionConfirmedEmail,
      params: { name: fullName(person), person: fullName(facts.person), role: facts.role.names[lang], enterprise: facts.enterprise, url: `${ctx.config.publicUrl}/access/tasks` },
      at,
    });
  }
}

export type Decision = { decision: 'approve' } | { decision: 'reject'; reason: string };

/**
 * A manager decides a pending request. Of two managers deciding the same
 * request at the same moment exactly one succeeds; the other gets
 * `access.errors.already_decided` (409) and nothing changes.
 */
export async function decideRequest(ctx: AppContext, who: ActorRef, requestId: string, decision: Decision, options: { requestId?: string } = {}): Promise<{ assignment: Assignment; request: AssignmentRequest }> {
  const request = UUID.test(requestId) ? await store.findRequest(ctx.db, requestId) : undefined;
  if (!request) throw new NotFoundError();
  const assignment = (await store.findAssignment(ctx.db, request.assignmentId))!;
  const grant = await deciderGrant(ctx, who, assignment);
  if (!grant) throw new ForbiddenError('access.errors.forbidden');
  if (request.status !== 'pending') throw new AppError('access.errors.already_decided', 409);
  const reason = decision.decision === 'reject' ? decision.reason.trim() : '';
  if (decision.decision === 'reject' && (reason.length === 0 || reason.length > 1000)) throw new InputError('reason', 'access.errors.reason_required');
  const catalog = await catalogOf(ctx);
  const facts = await factsOf(ctx, catalog, assignment);
  const requester = (await personById(ctx, request.requestedBy))!;
  // The decider is reached where the "task waiting" e-mail reached them: their mandate's contact address, else their profile's.
  const confirmTo = who.personId === requester.id ? undefined : (await decidersOf(ctx, catalog, assignment)).find((d) => d.person.id === who.personId);
  const decider = who.personId === requester.id ? requester : (await personById(ctx, who.personId))!;
  return ctx.db.transaction().execute(async (trx) => {
    if (decision.decision === 'approve') return approveInTrx(ctx, trx, { request, assignment, facts, decidedBy: who, deciderName: fullName(decider), grant, requester, confirmTo, requestId: options.requestId });
    return rejectInTrx(ctx, trx, { request, assignment, facts, who, grant, reason, requestId: options.requestId });
  });
}

async function rejectInTrx(
  ctx: AppContext,
  trx: Trx,
  r: { request: AssignmentRequest; assignment: Assignment; facts: Facts; who: ActorRef; grant: Grant; reason: string; requestId?: string },
): Promise<{ assignment: Assignment; request: AssignmentRequest }> {
  const now = ctx.clock.now();
  const request = await store.decidePendingRequest(trx, r.request.id, { status: 'rejected', by: r.who.personId, reason: r.reason }, now);
  if (!request) throw new AppError('access.errors.already_decided', 409);
  let assignment = (await store.lockAssignment(trx, r.assignment.id))!;
  if (request.kind === 'assign') {
    const next = transition(assignment.status, 'reject_assign', { validFrom: assignment.validFrom, validUntil: assignment.validUntil, today: today(now) });
    if (next === null) throw new AppError('access.errors.not_possible', 409);
    assignment = await store.updateAssignment(trx, assignment.id, { status: next }, now);
  }
  await store.appendHistory(trx, { assignmentId: assignment.id, at: now, actorId: r.who.personId, action: `${request.kind}.rejected`, details: { requestId: request.id, reason: r.reason } });
  await recordAudit(trx, now, {
    actor: `person:${r.who.nrn}`,
    action: `role_assignment.${request.kind}.rejected`,
    target: `enterprise:${assignment.enterpriseNumber}`,
    details: { assignmentId: assignment.id, requestId: request.id, reason: r.reason, grant: grantLabel(r.grant) },
    requestId: r.requestId,
  });
  const requester = await personById({ db: trx }, request.requestedBy);
  const to = request.requestedBy === assignment.personId ? r.facts.email : requester?.email;
  if (requester && to) {
    const lang = requester.language ?? ctx.config.defaultLanguage;
    await enqueueEmail(trx, {
      to,
      lang,
      template: rejectedEmail,
      params: { name: fullName(requester), role: r.facts.role.names[lang], enterprise: r.facts.enterprise, reason: r.reason, url: `${ctx.config.publicUrl}/access/mine` },
      at: now,
    });
  }
  return { assignment, request };
}

// ——— changes to an existing right ———

export type Change =
  | { kind: 'change_validity'; validUntil: string | null }
  | { kind: 'stop' }
  | { kind: 'deactivate' }
  | { kind: 'reactivate' }
  | { kind: 'restart'; validUntil?: string | null };

/**
 * Requests a change to an assignment: approved at once when the actor may
 * decide, or when a person stops their own right; a person's other requests
 * about their own right wait for a manager; anyone else is refused.
 */
export async function requestChange(ctx: AppContext, who: ActorRef, assignmentId: string, change: Change, options: { requestId?: string; message?: string } = {}): Promise<Outcome> {
  const assignment = UUID.test(assignmentId) ? await store.findAssignment(ctx.db, assignmentId) : undefined;
  if (!assignment) throw new NotFoundError();
  const grant = await deciderGrant(ctx, who, assignment);
  const own = assignment.personId === who.personId;
  if (!grant && !own) throw new ForbiddenError('access.errors.forbidden');
  if (!possibleRequests(assignment.status).includes(change.kind)) throw new AppError('access.errors.not_possible', 409);
  const now = ctx.clock.now();
  const day = today(now);
  const catalog = await catalogOf(ctx);
  const facts = await factsOf(ctx, catalog, assignment);
  const newUntil = change.kind === 'change_validity' || change.kind === 'restart' ? (change.validUntil === undefined ? assignment.validUntil : change.validUntil) : assignment.validUntil;
  if (change.kind === 'change_validity' || change.kind === 'restart') {
    const error = checkValidity({ validFrom: assignment.validFrom, validUntil: newUntil, today: day }, { endRequired: facts.role.endDateRequired, isNew: false });
    if (error) throw new InputError('validUntil', error);
  }
  const decided = grant !== null || (own && change.kind === 'stop');
  const deciders = decided ? [] : await decidersOf(ctx, catalog, assignment);
  const requester = (await personById(ctx, who.personId))!;
  return ctx.db.transaction().execute(async (trx) => {
    const request = await store.insertPendingRequest(
      trx,
      {
        assignmentId: assignment.id,
        kind: change.kind,
        validFrom: null,
        validUntil: newUntil,
        unlimited: newUntil === null,
        via: grant ? 'manager' : 'self',
        invitationId: null,
        message: options.message ?? '',
        requestedBy: who.personId,
      },
      now,
    );
    if (!request) throw new AppError('access.errors.request_pending', 409);
    await store.appendHistory(trx, { assignmentId: assignment.id, at: now, actorId: who.personId, action: `${change.kind}.requested`, details: { requestId: request.id, ...(newUntil !== assignment.validUntil ? { validUntil: newUntil } : {}) } });
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: `role_assignment.${change.kind}.requested`,
      target: `enterprise:${assignment.enterpriseNumber}`,
      details: { assignmentId: assignment.id, requestId: request.id, validUntil: newUntil },
      requestId: options.requestId,
    });
    if (decided) {
      const done = await approveInTrx(ctx, trx, { request, assignment, facts, decidedBy: grant ? who : null, deciderName: grant ? fullName(requester) : null, grant, requester, requestId: options.requestId });
      return { ...done, decided: true };
    }
    await notifyPending(ctx, trx, { assignment, facts, deciders }, now);
    return { assignment, request, decided: false };
  });
}

// ——— reads other parts of the module use ———

export async function assignmentById(ctx: Pick<AppContext, 'db'>, id: string): Promise<Assignment | undefined> {
  return UUID.test(id) ? store.findAssignment(ctx.db, id) : undefined;
}

export async function requestById(ctx: Pick<AppContext, 'db'>, id: string): Promise<AssignmentRequest | undefined> {
  return UUID.test(id) ? store.findRequest(ctx.db, id) : undefined;
}

export async function pendingRequestOf(ctx: Pick<AppContext, 'db'>, assignmentId: string): Promise<AssignmentRequest | undefined> {
  return store.pendingRequestOf(ctx.db, assignmentId);
}

/** The timeline of an assignment, newest first; a null actor is "Automatique". */
export async function historyOf(ctx: Pick<AppContext, 'db'>, assignmentId: string) {
  return store.historyOf(ctx.db, assignmentId);
}

/** Where a person stands with each application through role management: an active right, or one requested or scheduled (the portal's list). */
export async function applicationAccessOf(ctx: Pick<AppContext, 'db'>, personId: string): Promise<Map<string, 'active' | 'pending'>> {
  return store.applicationsOfPerson(ctx.db, personId);
}

/** The request kinds the details page may offer for this assignment. */
export function offeredChanges(a: Pick<Assignment, 'status'>): RequestKind[] {
  return possibleRequests(a.status);
}

// ——— what happens without anyone: the scheduled job and the end of memberships ———

const BATCH = 200;

/**
 * Starts assignments on their start date, ends them after their end date
 * (with their pending requests), and expires invitations, each line of
 * history "Automatique". Safe on several nodes at once: each batch locks its
 * rows with SKIP LOCKED, and every move re-checks the state machine.
 */
export async function runAssignmentSchedule(ctx: AppContext): Promise<{ started: number; expired: number; invitations: number }> {
  const catalog = await catalogOf(ctx);
  const counts = { started: 0, expired: 0, invitations: 0 };
  // Ends first: a scheduled right whose period is already over must expire, not wait to start.
  for (const due of ['end', 'start'] as const) {
    for (;;) {
      const now = ctx.clock.now();
      const day = today(now);
      // Facts for the notices are read per batch before its transaction; a row another node moved meanwhile is skipped below.
      const candidates = await ctx.db.transaction().execute((trx) => store.lockDue(trx, due, day, BATCH));
      if (candidates.length === 0) break;
      const facts = new Map<string, Facts | undefined>();
      // A role retired from the catalog still moves; only its notice is skipped.
      for (const a of candidates) facts.set(a.id, await factsOf(ctx, catalog, a).catch(() => undefined));
      const moved = await ctx.db.transaction().execute(async (trx) => {
        let n = 0;
        for (const candidate of await store.lockDue(trx, due, day, BATCH)) {
          const event = due === 'start' ? 'start' : 'expire';
          const next = transition(candidate.status, event, { validFrom: candidate.validFrom, validUntil: candidate.validUntil, today: day });
          if (next === null) continue;
          const assignment = await store.updateAssignment(trx, candidate.id, { status: next }, now);
          if (due === 'end') await cancelPending(trx, assignment.id, now);
          await store.appendHistory(trx, { assignmentId: assignment.id, at: now, actorId: null, action: due === 'start' ? 'started' : 'expired' });
          await recordAudit(trx, now, { actor: 'automatic', action: `role_assignment.${due === 'start' ? 'started' : 'expired'}`, target: `enterprise:${assignment.enterpriseNumber}`, details: { assignmentId: assignment.id } });
          const f = facts.get(assignment.id);
          if (f?.email && candidate.status !== 'requested') {
            const t = translator(f.lang);
            const common = { name: fullName(f.person), role: f.role.names[f.lang], enterprise: f.enterprise, url: `${ctx.config.publicUrl}/access/mine`, ...periodParams(t, assignment) };
            if (due === 'start') await enqueueEmail(trx, { to: f.email, lang: f.lang, template: grantedEmail, params: { ...common, description: f.role.shortDescriptions[f.lang], scheduled: false }, at: now });
            else await enqueueEmail(trx, { to: f.email, lang: f.lang, template: changedEmail, params: { ...common, change: 'expired' }, at: now });
          }
          n += 1;
        }
        return n;
      });
      counts[due === 'start' ? 'started' : 'expired'] += moved;
      if (candidates.length < BATCH || moved === 0) break;
    }
  }
  const now = ctx.clock.now();
  counts.invitations = await ctx.db.transaction().execute(async (trx) => {
    const ids = await store.expireInvitations(trx, now);
    for (const id of ids) await recordAudit(trx, now, { actor: 'automatic', action: 'invitation.expired', target: `invitation:${id}` });
    return ids.length;
  });
  return counts;
}

async function cancelPending(trx: Trx, assignmentId: string, at: Date) {
  const pending = await store.pendingRequestOf(trx, assignmentId);
  if (!pending) return;
  await store.decidePendingRequest(trx, pending.id, { status: 'cancelled', by: null, reason: null }, at);
  await store.appendHistory(trx, { assignmentId, at, actorId: null, action: `${pending.kind}.cancelled`, details: { requestId: pending.id } });
}

// Rights held through a membership end with it, in the transaction that ends the membership.
onMembershipEnded(async (trx, event) => {
  const day = today(event.at);
  for (const a of await store.lockLiveAssignmentsOfMembership(trx, event.membership.id)) {
    await cancelPending(trx, a.id, event.at);
    const event2: AssignmentEvent = a.status === 'requested' ? 'reject_assign' : 'stop';
    const next = transition(a.status, event2, { validFrom: a.validFrom, validUntil: a.validUntil, today: day });
    if (next === null) continue;
    await store.updateAssignment(trx, a.id, { status: next }, event.at);
    await store.appendHistory(trx, { assignmentId: a.id, at: event.at, actorId: event.by, action: 'stopped_with_membership', details: { membershipId: event.membership.id } });
    await recordAudit(trx, event.at, { actor: event.actor, action: 'role_assignment.stopped_with_membership', target: `enterprise:${a.enterpriseNumber}`, details: { assignmentId: a.id, membershipId: event.membership.id } });
  }
});
