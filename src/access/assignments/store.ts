import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database';
import { containing } from '../../platform/db/folding';
import type { AssignmentStatus, RequestKind } from '../model';

/*
 * The SQL of the managers' overview and export: every query takes the
 * manager's scope (computed once per request by the service) and filters,
 * counts, sorts and pages in the database, so that an enterprise with
 * 100 000 assignments costs a page of ten rows. Person names are read from
 * the identity module's table in the same statement (as the members list
 * does): searching and sorting by name cannot page otherwise.
 */

/** What the manager may see in one enterprise, from the policy (see service.ts `scopeOf`). */
export interface AssignmentScope {
  enterpriseNumber: string;
  /** Every assignment of the enterprise. */
  all: boolean;
  /** Applications whose assignments the manager sees in the whole enterprise, units included. */
  applications: readonly string[];
  /** Applications the manager sees only in some units: the units, grouped by the same set of applications. */
  unitGroups: ReadonlyArray<{ unitIds: readonly string[]; applications: readonly string[] }>;
}

export const SORT_KEYS = ['created', 'role', 'person', 'start', 'end', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface OverviewFilters {
  /** Words that must all appear in the person's name (accents and case ignored), already folded. */
  words: readonly string[];
  /** Roles whose name matches the search: a row matches on the person's name or its role. */
  matchingRoles: ReadonlyArray<{ applicationId: string; roleCode: string }>;
  status?: AssignmentStatus;
  applicationId?: string;
  roleCode?: string;
}

/** One line of the detailed overview. */
export interface OverviewRow {
  id: string;
  personId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  applicationId: string;
  roleCode: string;
  unitId: string | null;
  unitName: string | null;
  unitNumber: string | null;
  status: AssignmentStatus;
  validFrom: string;
  validUntil: string | null;
  /** The kind of the request waiting for a decision, if any. */
  pending: RequestKind | null;
}

/** The assignments, and their counts per enterprise × application × role × unit × status (kept by triggers). */
type Counted = 'role_assignments' | 'role_assignment_counts';

/** The scope as a WHERE condition on either table: both have the enterprise, application and unit columns. */
function inScope(eb: ExpressionBuilder<any, any>, table: Counted, scope: AssignmentScope): Expression<SqlBool> {
  // Both tables have these columns, which TypeScript cannot see through the template.
  const column = (name: 'enterprise_number' | 'application_id' | 'unit_id') => sql.ref<string>(`${table}.${name}`);
  const conditions: Expression<SqlBool>[] = [eb(column('enterprise_number'), '=', scope.enterpriseNumber)];
  if (!scope.all) {
    const any: Expression<SqlBool>[] = [];
    if (scope.applications.length > 0) any.push(eb(column('application_id'), 'in', scope.applications));
    for (const g of scope.unitGroups) {
      if (g.unitIds.length > 0 && g.applications.length > 0) any.push(eb.and([eb(column('unit_id'), 'in', g.unitIds), eb(column('application_id'), 'in', g.applications)]));
    }
    conditions.push(any.length > 0 ? eb.or(any) : sql<SqlBool>`false`);
  }
  return eb.and(conditions);
}

/**
 * The filtered assignments in scope: the base of the page and of the count
 * with a search. Persons are joined only when the search or the sort needs
 * them, so that the default page stays an index scan that stops at its rows.
 */
function filtered(db: Executor, scope: AssignmentScope, f: OverviewFilters, withPersons: boolean) {
  let q = db.selectFrom('role_assignments').where((eb) => inScope(eb, 'role_assignments', scope));
  if (f.status) q = q.where('role_assignments.status', '=', f.status);
  if (f.applicationId) q = q.where('role_assignments.application_id', '=', f.applicationId);
  if (f.roleCode) q = q.where('role_assignments.role_code', '=', f.roleCode);
  if (withPersons) q = q.innerJoin('persons', 'persons.id', 'role_assignments.person_id');
  if (f.words.length === 0) return q;
  // The persons whose name holds every word, found through the trigram index, then their assignments in scope.
  const named = db
    .selectFrom('persons as named')
    .select('named.id')
    .where((eb) => eb.and(f.words.map((w) => eb('named.search_name', 'like', containing(w)))));
  return q.where((eb) =>
    eb.or([
      eb('role_assignments.person_id', 'in', named),
      ...(f.matchingRoles.length > 0
        ? [eb.or(f.matchingRoles.map((r) => eb.and([eb('role_assignments.application_id', '=', r.applicationId), eb('role_assignments.role_code', '=', r.roleCode)])))]
        : []),
    ]),
  );
}

/**
 * How many assignments in scope match. Without a search it adds up the
 * counters (a few rows, whatever the size of the enterprise); with one it
 * counts the matching rows.
 */
export async function countOverview(db: Executor, scope: AssignmentScope, f: OverviewFilters): Promise<number> {
  if (f.words.length > 0) {
    const row = await filtered(db, scope, f, false)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const row = await counted(db, scope, f)
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('n'), sql<string>`0`).as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of the detailed overview. `roleOrder` is the catalog's order of
 * roles by name in the reader's language (application id, role code), so
 * that sorting by role needs no join on the catalog's JSON.
 */
export async function overviewPage(
  db: Executor,
  scope: AssignmentScope,
  f: OverviewFilters,
  page: { sort: SortKey; dir: 'asc' | 'desc'; offset: number; limit: number; roleOrder: ReadonlyArray<{ applicationId: string; roleCode: string }> },
): Promise<OverviewRow[]> {
  const dir = page.dir;
  let q = filtered(db, scope, f, page.sort === 'person' || page.sort === 'role').select('role_assignments.id');
  switch (page.sort) {
    case 'created':
      break;
    case 'role': {
      const rank = page.roleOrder.length
        ? sql`case ${sql.join(page.roleOrder.map((r, i) => sql`when role_assignments.application_id = ${r.applicationId} and role_assignments.role_code = ${r.roleCode} then ${i}`), sql` `)} else ${page.roleOrder.length} end`
        : sql`0`;
      q = q.orderBy(rank, dir).orderBy(sql`persons.family_name`, 'asc').orderBy(sql`persons.given_name`, 'asc');
      break;
    }
    case 'person':
      q = q.orderBy(sql`persons.family_name`, dir).orderBy(sql`persons.given_name`, dir);
      break;
    case 'start':
      q = q.orderBy('role_assignments.valid_from', dir);
      break;
    case 'end':
      // Unlimited is the latest end of all.
      q = q.orderBy(sql`role_assignments.valid_until`, sql.raw(dir === 'asc' ? 'asc nulls last' : 'desc nulls first'));
      break;
    case 'status':
      q = q.orderBy('role_assignments.status', dir);
      break;
  }
  // Newest first as the last key: the index order, and a stable page whatever the first key.
  const newest = page.sort === 'created' && dir === 'asc' ? 'asc' : 'desc';
  q = q.orderBy('role_assignments.created_at', newest).orderBy('role_assignments.id', newest);
  const ids = (await q.offset(page.offset).limit(page.limit).execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.person_id',
      'p.given_name',
      'p.family_name',
      sql<string | null>`coalesce(a.contact_email, p.email)`.as('email'),
      'a.application_id',
      'a.role_code',
      'a.unit_id',
      'u.name as unit_name',
      'u.number as unit_number',
      'a.status',
      'a.valid_from',
      'a.valid_until',
      (eb) => eb.selectFrom('assignment_requests as r').select('r.kind').whereRef('r.assignment_id', '=', 'a.id').where('r.status', '=', 'pending').as('pending'),
    ])
    .where('a.id', 'in', ids)
    .execute();
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((x, y) => position.get(x.id)! - position.get(y.id)!);
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    applicationId: r.application_id,
    roleCode: r.role_code,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitNumber: r.unit_number,
    status: r.status,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    pending: r.pending ?? null,
  }));
}

/** The counters in scope, filtered as the overview's filters say. */
function counted(db: Executor, scope: AssignmentScope, f: Pick<OverviewFilters, 'status' | 'applicationId' | 'roleCode'>) {
  let q = db.selectFrom('role_assignment_counts').where((eb) => inScope(eb, 'role_assignment_counts', scope));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.applicationId) q = q.where('application_id', '=', f.applicationId);
  if (f.roleCode) q = q.where('role_code', '=', f.roleCode);
  return q;
}

/** The simplified overview: how many assignments of each role, by status, from the counters. */
export async function countsByRole(db: Executor, scope: AssignmentScope, f: Pick<OverviewFilters, 'status' | 'applicationId'>) {
  const rows = await counted(db, scope, f)
    .select(['application_id', 'role_code', 'status', (eb) => eb.fn.sum<string>('n').as('n')])
    .groupBy(['application_id', 'role_code', 'status'])
    .having((eb) => eb.fn.sum('n'), '>', 0)
    .execute();
  return rows.map((r) => ({ applicationId: r.application_id, roleCode: r.role_code, status: r.status, count: Number(r.n) }));
}

/** Every application with its domain, retired ones included: old assignments stay in their manager's scope. */
export async function applicationDomains(db: Executor): Promise<Array<{ id: string; domainId: string }>> {
  const rows = await db.selectFrom('catalog_applications').select(['id', 'domain_id']).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, domainId: r.domain_id }));
}

/** One row of the CSV export. */
export interface ExportRow {
  application_id: string;
  role_code: string;
  family_name: string;
  given_name: string;
  nrn: string;
  email: string | null;
  valid_from: string;
  valid_until: string | null;
  status: AssignmentStatus;
  unit_name: string | null;
  unit_number: string | null;
}

/**
 * Every assignment in scope, every state, as a cursor, in no particular
 * order (an ORDER BY would make the database sort a million rows before the
 * first byte; a spreadsheet sorts): `chunkSize` rows at a time, each chunk
 * fetched when it is asked for. Chunks, not rows: a million rows handed
 * over one by one are a million promises.
 */
export async function* exportRows(db: Executor, scope: AssignmentScope, chunkSize: number): AsyncGenerator<ExportRow[]> {
  const query = db
    .selectFrom('role_assignments')
    .innerJoin('persons', 'persons.id', 'role_assignments.person_id')
    .leftJoin('units', 'units.id', 'role_assignments.unit_id')
    .where((eb) => inScope(eb, 'role_assignments', scope))
    .select([
      'role_assignments.application_id',
      'role_assignments.role_code',
      'persons.family_name',
      'persons.given_name',
      'persons.nrn',
      sql<string | null>`coalesce(role_assignments.contact_email, persons.email)`.as('email'),
      'role_assignments.valid_from',
      'role_assignments.valid_until',
      'role_assignments.status',
      'units.name as unit_name',
      'units.number as unit_number',
    ])
    .compile();
  for await (const { rows } of db.getExecutor().stream<ExportRow>(query, chunkSize)) yield rows;
}

/** Names of persons by id (history actors), from the identity module's table. */
export async function personNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'given_name', 'family_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, `${r.given_name} ${r.family_name}`]));
}
