import { sql } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database';
import { LIVE_STATUSES } from '../model';

/** An invitation as the service reads it (never its secret: only the hash is stored). */
export interface Invitation {
  id: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  message: string;
  validFrom: string;
  validUntil: string | null;
  status: 'open' | 'withdrawn' | 'expired';
  closedAt: Date | null;
}

export interface InvitationRole {
  enterpriseNumber: string;
  unitId: string | null;
  applicationId: string;
  roleCode: string;
}

export interface InvitationPerson {
  familyName: string;
  givenName: string;
  email: string;
}

export interface TemplateRow {
  id: string;
  name: string;
  description: string;
  content: unknown;
  createdAt: Date;
}

const columns = ['id', 'created_by', 'created_at', 'expires_at', 'message', 'valid_from', 'valid_until', 'status', 'closed_at'] as const;

function toInvitation(r: {
  id: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  message: string;
  valid_from: string;
  valid_until: string | null;
  status: 'open' | 'withdrawn' | 'expired';
  closed_at: Date | null;
}): Invitation {
  return {
    id: r.id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    message: r.message,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    status: r.status,
    closedAt: r.closed_at,
  };
}

export async function insertInvitation(
  trx: Trx,
  i: { tokenHash: string; createdBy: string; expiresAt: Date; message: string; validFrom: string; validUntil: string | null; roles: InvitationRole[]; persons: InvitationPerson[] },
  at: Date,
): Promise<Invitation> {
  const row = await trx
    .insertInto('invitations')
    .values({ token_hash: i.tokenHash, created_by: i.createdBy, created_at: at, expires_at: i.expiresAt, message: i.message, valid_from: i.validFrom, valid_until: i.validUntil })
    .returning(columns)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invitation_roles')
    .values(i.roles.map((r) => ({ invitation_id: row.id, enterprise_number: r.enterpriseNumber, unit_id: r.unitId, application_id: r.applicationId, role_code: r.roleCode })))
    .execute();
  if (i.persons.length > 0) {
    await trx
      .insertInto('invitation_persons')
      .values(i.persons.map((p) => ({ invitation_id: row.id, family_name: p.familyName, given_name: p.givenName, email: p.email })))
      .execute();
  }
  return toInvitation(row);
}

export async function findByTokenHash(db: Executor, tokenHash: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitations').select(columns).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toInvitation(row) : undefined;
}

export async function findById(db: Executor, id: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitations').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toInvitation(row) : undefined;
}

export async function rolesOf(db: Executor, invitationIds: readonly string[]): Promise<Map<string, InvitationRole[]>> {
  const map = new Map<string, InvitationRole[]>();
  if (invitationIds.length === 0) return map;
  const rows = await db.selectFrom('invitation_roles').selectAll().where('invitation_id', 'in', invitationIds).execute();
  for (const r of rows) {
    map.set(r.invitation_id, [...(map.get(r.invitation_id) ?? []), { enterpriseNumber: r.enterprise_number, unitId: r.unit_id, applicationId: r.application_id, roleCode: r.role_code }]);
  }
  return map;
}

export async function personsOf(db: Executor, invitationId: string): Promise<InvitationPerson[]> {
  const rows = await db.selectFrom('invitation_persons').selectAll().where('invitation_id', '=', invitationId).execute();
  return rows.map((r) => ({ familyName: r.family_name, givenName: r.given_name, email: r.email }));
}

/** A manager's invitations, newest first, with how many persons accepted each. */
export async function invitationsBy(db: Executor, personId: string, limit: number): Promise<Array<Invitation & { acceptances: number }>> {
  const rows = await db
    .selectFrom('invitations as i')
    .select(columns.map((c) => `i.${c}` as const))
    .select((eb) =>
      eb
        .selectFrom('assignment_requests as r')
        .select(sql<string>`count(distinct r.requested_by)`.as('n'))
        .whereRef('r.invitation_id', '=', 'i.id')
        .where('r.kind', '=', 'assign')
        .as('acceptances'),
    )
    .where('i.created_by', '=', personId)
    .orderBy('i.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toInvitation(r), acceptances: Number(r.acceptances ?? 0) }));
}

/** How many persons accepted an invitation (distinct requesters of its "assign" requests). */
export async function acceptancesOf(db: Executor, invitationId: string): Promise<number> {
  const row = await db
    .selectFrom('assignment_requests')
    .select(sql<string>`count(distinct requested_by)`.as('n'))
    .where('invitation_id', '=', invitationId)
    .where('kind', '=', 'assign')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many invitations of an author are open now (for the home page's count). */
export async function countOpenBy(db: Executor, personId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('created_by', '=', personId)
    .where('status', '=', 'open')
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Withdraws an open invitation of its author; undefined when it is not (or no longer) open. */
export async function withdraw(trx: Trx, id: string, authorId: string, at: Date): Promise<Invitation | undefined> {
  const row = await trx
    .updateTable('invitations')
    .set({ status: 'withdrawn', closed_at: at })
    .where('id', '=', id)
    .where('created_by', '=', authorId)
    .where('status', '=', 'open')
    .where('expires_at', '>', at)
    .returning(columns)
    .executeTakeFirst();
  return row ? toInvitation(row) : undefined;
}

/** The requests a person made by accepting an invitation, with their assignment's role and state. */
export async function acceptedBy(db: Executor, invitationId: string, personId: string) {
  return db
    .selectFrom('assignment_requests as r')
    .innerJoin('role_assignments as a', 'a.id', 'r.assignment_id')
    .select(['r.id', 'r.status as requestStatus', 'a.status as assignmentStatus', 'a.enterprise_number', 'a.application_id', 'a.role_code', 'a.unit_id', 'a.valid_from', 'a.valid_until'])
    .where('r.invitation_id', '=', invitationId)
    .where('r.requested_by', '=', personId)
    .where('r.kind', '=', 'assign')
    .orderBy('r.requested_at')
    .execute();
}

/** Which of these rights the person already holds or has asked for (a live assignment), as `enterprise/app/code/unit`. */
export async function liveRightsOf(db: Executor, personId: string, enterpriseNumbers: readonly string[]): Promise<Set<string>> {
  if (enterpriseNumbers.length === 0) return new Set();
  const rows = await db
    .selectFrom('role_assignments')
    .select(['enterprise_number', 'application_id', 'role_code', 'unit_id'])
    .where('person_id', '=', personId)
    .where('enterprise_number', 'in', enterpriseNumbers)
    .where('status', 'in', LIVE_STATUSES)
    .execute();
  return new Set(rows.map((r) => `${r.enterprise_number}/${r.application_id}/${r.role_code}/${r.unit_id ?? ''}`));
}

// ——— templates ———

/** Inserts a template; undefined when the owner already has one of that name (names are unique per owner, ignoring case). */
export async function insertTemplate(trx: Trx, t: { ownerId: string; name: string; description: string; content: unknown }, at: Date): Promise<string | undefined> {
  const row = await trx
    .insertInto('invitation_templates')
    .values({ owner_id: t.ownerId, name: t.name, description: t.description, content: JSON.stringify(t.content), created_at: at, updated_at: at })
    .onConflict((oc) => oc.expression(sql`owner_id, lower(name)`).where('deleted_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function templateNameTaken(db: Executor, ownerId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitation_templates')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function templatesOf(db: Executor, ownerId: string): Promise<TemplateRow[]> {
  const rows = await db
    .selectFrom('invitation_templates')
    .select(['id', 'name', 'description', 'content', 'created_at'])
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, content: r.content, createdAt: r.created_at }));
}

export async function templateOf(db: Executor, ownerId: string, id: string): Promise<TemplateRow | undefined> {
  const r = await db
    .selectFrom('invitation_templates')
    .select(['id', 'name', 'description', 'content', 'created_at'])
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, description: r.description, content: r.content, createdAt: r.created_at } : undefined;
}

/** Deletes a template of its owner (kept as deleted); whether one was. */
export async function deleteTemplate(trx: Trx, ownerId: string, id: string, at: Date): Promise<boolean> {
  const row = await trx
    .updateTable('invitation_templates')
    .set({ deleted_at: at, updated_at: at })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
