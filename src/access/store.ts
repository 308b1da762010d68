import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Executor, Trx } from '../platform/db/database';
import type { AssignmentStatus, HistoryAction, RequestKind, RequestStatus, RequestVia } from './model';
import { LIVE_STATUSES } from './model';
import type { AssignmentRequestsTable, RoleAssignmentsTable } from './tables';

/** A role assignment as the services read it. */
export interface Assignment {
  id: string;
  personId: string;
  enterpriseNumber: string;
  unitId: string | null;
  applicationId: string;
  roleCode: string;
  status: AssignmentStatus;
  validFrom: string;
  validUntil: string | null;
  contactEmail: string | null;
  membershipId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A request to change an assignment (its creation included). */
export interface AssignmentRequest {
  id: string;
  assignmentId: string;
  kind: RequestKind;
  validFrom: string | null;
  validUntil: string | null;
  /** The request asks to remove the end date. */
  unlimited: boolean;
  via: RequestVia;
  invitationId: string | null;
  message: string;
  requestedBy: string;
  requestedAt: Date;
  status: RequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export interface HistoryEntry {
  id: string;
  assignmentId: string;
  at: Date;
  actorId: string | null;
  action: HistoryAction;
  details: Record<string, unknown>;
}

function toAssignment(r: Selectable<RoleAssignmentsTable>): Assignment {
  return {
    id: r.id,
    personId: r.person_id,
    enterpriseNumber: r.enterprise_number,
    unitId: r.unit_id,
    applicationId: r.application_id,
    roleCode: r.role_code,
    status: r.status,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    contactEmail: r.contact_email,
    membershipId: r.membership_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRequest(r: Selectable<AssignmentRequestsTable>): AssignmentRequest {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    kind: r.kind,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    unlimited: r.unlimited,
    via: r.via,
    invitationId: r.invitation_id,
    message: r.message,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
  };
}

export type NewAssignmentRow = Pick<Assignment, 'personId' | 'enterpriseNumber' | 'unitId' | 'applicationId' | 'roleCode' | 'validFrom' | 'validUntil' | 'contactEmail' | 'membershipId'>;

/** Inserts a requested assignment; undefined when the person already holds (or asked for) the same right. */
export async function insertRequestedAssignment(trx: Trx, a: NewAssignmentRow, at: Date): Promise<Assignment | undefined> {
  const row = await trx
    .insertInto('role_assignments')
    .values({
      person_id: a.personId,
      enterprise_number: a.enterpriseNumber,
      unit_id: a.unitId,
      application_id: a.applicationId,
      role_code: a.roleCode,
      status: 'requested',
      valid_from: a.validFrom,
      valid_until: a.validUntil,
      contact_email: a.contactEmail,
      membership_id: a.membershipId,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .expression(sql`person_id, enterprise_number, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), application_id, role_code`)
        // Literals, not parameters: PostgreSQL matches the partial unique index against this predicate when it
        // plans, and a prepared statement's generic plan does not know its parameters' values.
        .where(sql<SqlBool>`status in (${sql.join(LIVE_STATUSES.map((s) => sql.lit(s)))})`)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toAssignment(row) : undefined;
}

export async function findAssignment(db: Executor, id: string): Promise<Assignment | undefined> {
  const row = await db.selectFrom('role_assignments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAssignment(row) : undefined;
}

/** Locks the assignment for the rest of the transaction: changes to one assignment never interleave. */
export async function lockAssignment(trx: Trx, id: string): Promise<Assignment | undefined> {
  const row = await trx.selectFrom('role_assignments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toAssignment(row) : undefined;
}

export async function updateAssignment(trx: Trx, id: string, change: { status: AssignmentStatus; validFrom?: string; validUntil?: string | null }, at: Date): Promise<Assignment> {
  const row = await trx
    .updateTable('role_assignments')
    .set({ status: change.status, updated_at: at, ...(change.validFrom !== undefined ? { valid_from: change.validFrom } : {}), ...(change.validUntil !== undefined ? { valid_until: change.validUntil } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAssignment(row);
}

export type NewRequestRow = Pick<AssignmentRequest, 'assignmentId' | 'kind' | 'validFrom' | 'validUntil' | 'unlimited' | 'via' | 'invitationId' | 'message' | 'requestedBy'>;

/** Inserts a pending request; undefined when the assignment already has one. */
export async function insertPendingRequest(trx: Trx, r: NewRequestRow, at: Date): Promise<AssignmentRequest | undefined> {
  const row = await trx
    .insertInto('assignment_requests')
    .values({
      assignment_id: r.assignmentId,
      kind: r.kind,
      valid_from: r.validFrom,
      valid_until: r.validUntil,
      unlimited: r.unlimited,
      via: r.via,
      invitation_id: r.invitationId,
      message: r.message,
      requested_by: r.requestedBy,
      requested_at: at,
      status: 'pending',
    })
    .onConflict((oc) => oc.column('assignment_id').where(sql<SqlBool>`status = 'pending'`).doNothing()) // a literal: see insertRequestedAssignment
    .returningAll()
    .executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export async function findRequest(db: Executor, id: string): Promise<AssignmentRequest | undefined> {
  const row = await db.selectFrom('assignment_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export async function pendingRequestOf(db: Executor, assignmentId: string): Promise<AssignmentRequest | undefined> {
  const row = await db.selectFrom('assignment_requests').selectAll().where('assignment_id', '=', assignmentId).where('status', '=', 'pending').executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

/**
 * Decides a pending request, atomically: of two concurrent decisions, the
 * second finds it no longer pending and gets undefined.
 */
export async function decidePendingRequest(
  trx: Trx,
  id: string,
  decision: { status: Exclude<RequestStatus, 'pending'>; by: string | null; reason: string | null },
  at: Date,
): Promise<AssignmentRequest | undefined> {
  const row = await trx
    .updateTable('assignment_requests')
    .set({ status: decision.status, decided_by: decision.by, decided_at: at, decision_reason: decision.reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export async function appendHistory(trx: Trx, entry: { assignmentId: string; at: Date; actorId: string | null; action: HistoryAction; details?: Record<string, unknown> }): Promise<void> {
  await trx
    .insertInto('assignment_history')
    .values({ assignment_id: entry.assignmentId, at: entry.at, actor_id: entry.actorId, action: entry.action, details: JSON.stringify(entry.details ?? {}) })
    .execute();
}

export async function historyOf(db: Executor, assignmentId: string): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('assignment_history').selectAll().where('assignment_id', '=', assignmentId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: String(r.id), assignmentId: r.assignment_id, at: r.at, actorId: r.actor_id, action: r.action as HistoryAction, details: r.details }));
}

/** Live assignments held through a membership, locked: they end with it. */
export async function lockLiveAssignmentsOfMembership(trx: Trx, membershipId: string): Promise<Assignment[]> {
  const rows = await trx.selectFrom('role_assignments').selectAll().where('membership_id', '=', membershipId).where('status', 'in', LIVE_STATUSES).forUpdate().execute();
  return rows.map(toAssignment);
}

/**
 * A batch of assignments the scheduled job must move, locked with SKIP
 * LOCKED so that nodes running the job at once share the work instead of
 * waiting on each other.
 */
export async function lockDue(trx: Trx, due: 'start' | 'end', today: string, limit: number): Promise<Assignment[]> {
  let q = trx.selectFrom('role_assignments').selectAll();
  q = due === 'start' ? q.where('status', '=', 'scheduled').where('valid_from', '<=', today) : q.where('status', 'in', LIVE_STATUSES).where('valid_until', '<', today);
  const rows = await q.orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  return rows.map(toAssignment);
}

/** Marks open invitations whose expiry passed; returns their ids. */
export async function expireInvitations(db: Executor, now: Date): Promise<string[]> {
  const rows = await db.updateTable('invitations').set({ status: 'expired', closed_at: now }).where('status', '=', 'open').where('expires_at', '<=', now).returning('id').execute();
  return rows.map((r) => r.id);
}

/** A person's active rights for some applications, with their unit, for tokens and the authorization check. */
export async function activeAssignmentsOf(db: Executor, personId: string, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('role_assignments as a')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.enterprise_number', 'a.application_id', 'a.role_code', 'a.valid_from', 'a.valid_until', 'u.kind as unit_kind', 'u.number as unit_number', 'u.name as unit_name'])
    .where('a.person_id', '=', personId)
    .where('a.status', '=', 'active')
    .where('a.application_id', 'in', applicationIds)
    .orderBy('a.enterprise_number')
    .orderBy('a.application_id')
    .orderBy('a.role_code')
    .execute();
}

/** The applications a person holds an active right for (any enterprise), or waits for one (requested, or scheduled to start). */
export async function applicationsOfPerson(db: Executor, personId: string): Promise<Map<string, 'active' | 'pending'>> {
  const rows = await db
    .selectFrom('role_assignments')
    .select(['application_id', 'status'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['active', 'requested', 'scheduled'])
    .execute();
  const access = new Map<string, 'active' | 'pending'>();
  for (const row of rows) {
    if (row.status === 'active') access.set(row.application_id, 'active');
    else if (!access.has(row.application_id)) access.set(row.application_id, 'pending');
  }
  return access;
}

/** Whether an invitation is still open (neither withdrawn nor expired), locked against a concurrent withdrawal until the transaction ends. */
export async function lockOpenInvitation(trx: Trx, id: string, now: Date): Promise<boolean> {
  const row = await trx.selectFrom('invitations').select('id').where('id', '=', id).where('status', '=', 'open').where('expires_at', '>', now).forShare().executeTakeFirst();
  return row !== undefined;
}
