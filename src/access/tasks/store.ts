import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { Executor } from '../../platform/db/database';
import { containing } from '../../platform/db/folding';
import type { RequestKind, RequestStatus, RequestVia } from '../model';

/*
 * The tasks of a manager: the requests, pending or decided, on the
 * assignments their mandates cover, in one statement over assignment_requests, role_assignments
 * and persons (the person's name is what the list shows and searches). The
 * scope comes from the service (the policy decides it); here it is only SQL.
 */

/** Part of what a manager may decide: one enterprise, some applications (null: all), one unit (null: any). */
export interface ScopeClause {
  enterprise: string;
  applications: readonly string[] | null;
  unitId: string | null;
}

/** What a search matches, prepared by the service: folded words, and the roles and enterprises whose names match each word. */
export interface TaskSearch {
  words: Array<{ word: string; roles: Array<{ applicationId: string; roleCode: string }>; enterprises: string[] }>;
}

/** One request with what the tasks pages show. */
export interface TaskRow {
  requestId: string;
  kind: RequestKind;
  status: RequestStatus;
  via: RequestVia;
  message: string;
  requestedAt: Date;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** "Given Family" of who decided; null: pending, or decided automatically. */
  deciderName: string | null;
  /** The validity the request asks for (or the assignment's start for a change). */
  validFrom: string;
  validUntil: string | null;
  assignmentId: string;
  enterpriseNumber: string;
  unitId: string | null;
  unitName: string | null;
  applicationId: string;
  roleCode: string;
  assignmentStatus: string;
  personId: string;
  givenName: string;
  familyName: string;
  /** The contact address given with the request, else the profile's. */
  email: string | null;
}

type Eb = ExpressionBuilder<Database & { r: Database['assignment_requests']; a: Database['role_assignments']; p: Database['persons'] }, 'r' | 'a' | 'p'>;


function inScope(eb: Eb, clauses: readonly ScopeClause[]) {
  return eb.or(
    clauses.map((c) =>
      eb.and([
        eb('a.enterprise_number', '=', c.enterprise),
        ...(c.applications ? [eb('a.application_id', 'in', c.applications.length > 0 ? c.applications : [''])] : []),
        ...(c.unitId ? [eb('a.unit_id', '=', c.unitId)] : []),
      ]),
    ),
  );
}

function matches(eb: Eb, search: TaskSearch) {
  return eb.and(
    search.words.map(({ word, roles, enterprises }) =>
      eb.or([
        eb('p.search_name', 'like', containing(word)),
        eb('a.enterprise_number', 'like', containing(word.replace(/[\s.]/g, ''))),
        ...(enterprises.length > 0 ? [eb('a.enterprise_number', 'in', enterprises)] : []),
        ...roles.map((r) => eb.and([eb('a.application_id', '=', r.applicationId), eb('a.role_code', '=', r.roleCode)])),
      ]),
    ),
  );
}

function base(db: Executor) {
  return db
    .selectFrom('assignment_requests as r')
    .innerJoin('role_assignments as a', 'a.id', 'r.assignment_id')
    .innerJoin('persons as p', 'p.id', 'a.person_id');
}

function selectRow(db: Executor) {
  return base(db)
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('persons as d', 'd.id', 'r.decided_by')
    .select([
      'r.id as requestId',
      'r.kind',
      'r.status',
      'r.via',
      'r.message',
      'r.requested_at as requestedAt',
      'r.requested_by as requestedBy',
      'r.decided_by as decidedBy',
      'r.decided_at as decidedAt',
      sql<string | null>`d.given_name || ' ' || d.family_name`.as('deciderName'),
      sql<string>`coalesce(r.valid_from, a.valid_from)`.as('validFrom'),
      'r.valid_until as validUntil',
      'a.id as assignmentId',
      'a.enterprise_number as enterpriseNumber',
      'a.unit_id as unitId',
      'u.name as unitName',
      'a.application_id as applicationId',
      'a.role_code as roleCode',
      'a.status as assignmentStatus',
      'p.id as personId',
      'p.given_name as givenName',
      'p.family_name as familyName',
      sql<string | null>`coalesce(a.contact_email, p.email)`.as('email'),
    ]);
}

/** Which requests a list shows: the open ones, or those approved or rejected. */
export type TaskState = 'pending' | 'decided';
const STATUSES: Record<TaskState, RequestStatus[]> = { pending: ['pending'], decided: ['approved', 'rejected'] };

/** How many requests in that state the scope covers (matching the search, when there is one). */
export async function countRequests(db: Executor, clauses: readonly ScopeClause[], state: TaskState, search?: TaskSearch): Promise<number> {
  if (clauses.length === 0) return 0;
  const row = await base(db)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.status', 'in', STATUSES[state])
    .where((eb) => inScope(eb as Eb, clauses))
    .$if(search !== undefined && search.words.length > 0, (q) => q.where((eb) => matches(eb as Eb, search!)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of the requests in that state the scope covers: the open ones oldest first (a queue: who
 * waits longest comes first), the decided ones newest decision first.
 */
export async function requestsPage(db: Executor, clauses: readonly ScopeClause[], state: TaskState, search: TaskSearch, offset: number, limit: number): Promise<TaskRow[]> {
  if (clauses.length === 0) return [];
  return selectRow(db)
    .where('r.status', 'in', STATUSES[state])
    .where((eb) => inScope(eb as Eb, clauses))
    .$if(search.words.length > 0, (q) => q.where((eb) => matches(eb as Eb, search)))
    .$if(state === 'pending', (q) => q.orderBy('r.requested_at').orderBy('r.id'))
    .$if(state === 'decided', (q) => q.orderBy('r.decided_at', 'desc').orderBy('r.id', 'desc'))
    .offset(offset)
    .limit(limit)
    .execute();
}

/** Requests by id, whatever their status and scope (the service authorizes each one). */
export async function requestsByIds(db: Executor, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return [];
  return selectRow(db).where('r.id', 'in', ids).execute();
}
