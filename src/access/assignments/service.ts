import type { Readable } from 'node:stream';
import { personById, type Person } from '../../identity/service';
import { enterprisesOf, type ManagedEnterprisesPage } from '../../organisations/members/chooser';
import { unitsOf } from '../../organisations/members/service';
import { may } from '../../organisations/policy';
import { actorFor, registeredEnterprise, unitById, type ActorRef, type Unit } from '../../organisations/service';
import type { AppContext } from '../../platform/context';
import { csvStream } from '../../platform/csv/csv';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import type { Translate } from '../../platform/i18n/translate';
import { formatDate } from '../../platform/views/format';
import { paginate, searchable, type ListQuery, type Pagination } from '../../platform/views/pagination';
import { checkEnterpriseNumber, formatEnterpriseNumber, formatNrn } from '../../registries/identifiers';
import type { Enterprise } from '../../registries/ports';
import { catalogOf, type Application, type Catalog, type Role } from '../catalog/service';
import { ASSIGNMENT_STATUSES, type AssignmentStatus, type RequestKind } from '../model';
import { assignmentById, deciderGrant, historyOf, offeredChanges, pendingRequestOf, requestChange, type Assignment, type AssignmentRequest, type Change, type HistoryEntry } from '../service';
import * as store from './store';
import type { AssignmentScope, OverviewFilters, OverviewRow, SortKey } from './store';

export { SORT_KEYS, type AssignmentScope, type OverviewRow, type SortKey } from './store';

/*
 * "Gestion d'attribution de rôle": the enterprises a manager works for, the
 * overview of the assignments they may manage in one (simplified and
 * detailed), the details of one with its actions and history, stopping
 * several at once, and the CSV export. Who may manage what comes from the
 * policy (organisations/policy.ts, `manage_assignments`), turned once per
 * request into a scope the SQL filters on.
 */

const UNSEEN = '\u0000';

/** Unknown, malformed or unregistered enterprise numbers are 404. */
async function registered(ctx: AppContext, numberInput: string, lang: Lang): Promise<Enterprise> {
  const checked = checkEnterpriseNumber(numberInput);
  if (!checked.ok) throw new NotFoundError();
  const [registration, enterprise] = await Promise.all([registeredEnterprise(ctx, checked.value), ctx.registers.enterprises.findEnterprise(checked.value, { lang })]);
  if (!registration || !enterprise) throw new NotFoundError();
  return enterprise;
}

/**
 * The assignments `who` may manage in an enterprise, as the policy says,
 * asked once per application (whole enterprise) and once per application ×
 * unit for the rest: the SQL then filters on the answer. Null when nothing.
 */
export async function scopeOf(ctx: AppContext, who: ActorRef, enterpriseNumber: string): Promise<AssignmentScope | null> {
  const [actor, applications, units] = await Promise.all([actorFor(ctx, who, enterpriseNumber), store.applicationDomains(ctx.db), unitsOf(ctx, enterpriseNumber)]);
  const now = ctx.clock.now();
  const allowed = (domain: string, application: string, unitId: string | null) => may(actor, { type: 'manage_assignments', enterprise: enterpriseNumber, domain, application, unitId }, now);
  // Allowed for an application of no domain at all: allowed for every one (principal, co-principal).
  if (allowed(UNSEEN, UNSEEN, null)) return { enterpriseNumber, all: true, applications: [], unitGroups: [] };
  const whole = applications.filter((a) => allowed(a.domainId, a.id, null));
  const wholeIds = new Set(whole.map((a) => a.id));
  const byApplications = new Map<string, { unitIds: string[]; applications: string[] }>();
  for (const unit of units) {
    const apps = applications.filter((a) => !wholeIds.has(a.id) && allowed(a.domainId, a.id, unit.id)).map((a) => a.id);
    if (apps.length === 0) continue;
    const key = apps.join('\u0000');
    const group = byApplications.get(key) ?? { unitIds: [], applications: apps };
    group.unitIds.push(unit.id);
    byApplications.set(key, group);
  }
  if (whole.length === 0 && byApplications.size === 0) return null;
  return { enterpriseNumber, all: false, applications: [...wholeIds], unitGroups: [...byApplications.values()] };
}

async function managedScope(ctx: AppContext, who: ActorRef, numberInput: string, lang: Lang) {
  const checked = checkEnterpriseNumber(numberInput);
  if (!checked.ok) throw new NotFoundError();
  // Independent reads, side by side: on PostgreSQL each takes its own connection.
  const [enterprise, scope] = await Promise.all([registered(ctx, checked.value, lang), scopeOf(ctx, who, checked.value)]);
  if (!scope) throw new ForbiddenError('access.errors.forbidden');
  return { enterprise, scope };
}

/** "Gestion d'attribution de rôle": one page of the enterprises where the person holds a current mandate. */
export async function manageableEnterprises(ctx: AppContext, who: ActorRef, lang: Lang, q: string, page: number): Promise<ManagedEnterprisesPage> {
  return enterprisesOf(ctx, who, lang, q, page, { representatives: false });
}

// ——— the overview ———

export interface OverviewQuery extends ListQuery<SortKey> {
  status?: AssignmentStatus;
  applicationId?: string;
  roleCode?: string;
}

export interface Overview {
  enterprise: Enterprise;
  catalog: Catalog;
  /** The applications that have assignments in scope, for the filter. */
  applications: Application[];
}

export interface DetailedOverview extends Overview {
  rows: OverviewRow[];
  pagination: Pagination;
}

function filtersOf(catalog: Catalog, lang: Lang, query: OverviewQuery): OverviewFilters {
  const q = searchable(query.q).trim();
  const words = q.split(/\s+/).filter(Boolean);
  const matchingRoles = q ? catalog.roles.filter((r) => searchable(r.names[lang]).includes(q)).map((r) => ({ applicationId: r.applicationId, roleCode: r.code })) : [];
  return { words, matchingRoles, status: query.status, applicationId: query.applicationId, roleCode: query.roleCode };
}

async function overviewBase(ctx: AppContext, scope: AssignmentScope, enterprise: Enterprise): Promise<Overview> {
  const catalog = await catalogOf(ctx);
  // From the scope, not from the rows: a DISTINCT over 100 000 assignments costs more than the page.
  const ids = new Set([...scope.applications, ...scope.unitGroups.flatMap((g) => g.applications)]);
  return { enterprise, catalog, applications: catalog.applications.filter((a) => a.audience === 'enterprise' && (scope.all || ids.has(a.id))) };
}

/** The detailed overview: one row per assignment the actor may manage, searched, filtered, sorted and paged in SQL. */
export async function detailedOverview(ctx: AppContext, who: ActorRef, numberInput: string, lang: Lang, query: OverviewQuery): Promise<DetailedOverview> {
  const { enterprise, scope } = await managedScope(ctx, who, numberInput, lang);
  const base = await overviewBase(ctx, scope, enterprise);
  const filters = filtersOf(base.catalog, lang, query);
  const roleOrder = [...base.catalog.roles].sort((a, b) => a.names[lang].localeCompare(b.names[lang], lang)).map((r) => ({ applicationId: r.applicationId, roleCode: r.code }));
  const load = (p: Pagination) => store.overviewPage(ctx.db, scope, filters, { sort: query.sort ?? 'created', dir: query.dir, offset: p.offset, limit: p.limit, roleOrder });
  // The count and the page asked for at once; only a page past the end is read again, once the count says which is the last.
  const asked = paginate(Number.MAX_SAFE_INTEGER, query.page);
  const [total, rows] = await Promise.all([store.countOverview(ctx.db, scope, filters), load(asked)]);
  const pagination = paginate(total, query.page);
  return { ...base, rows: pagination.offset === asked.offset ? rows : await load(pagination), pagination };
}

export interface RoleCount {
  application: Application | undefined;
  applicationId: string;
  role: Role | undefined;
  roleCode: string;
  /** By status, the statuses in the state machine's order. */
  byStatus: Array<{ status: AssignmentStatus; count: number }>;
  total: number;
}

/** The simplified overview: who has what, as the number of assignments of each role by status, in the catalog's order. */
export async function simplifiedOverview(ctx: AppContext, who: ActorRef, numberInput: string, lang: Lang, query: Pick<OverviewQuery, 'status' | 'applicationId'>): Promise<Overview & { roles: RoleCount[] }> {
  const { enterprise, scope } = await managedScope(ctx, who, numberInput, lang);
  const base = await overviewBase(ctx, scope, enterprise);
  const counts = await store.countsByRole(ctx.db, scope, query);
  const byRole = new Map<string, RoleCount>();
  for (const c of counts) {
    const key = `${c.applicationId}\u0000${c.roleCode}`;
    const entry = byRole.get(key) ?? {
      application: base.catalog.application(c.applicationId),
      applicationId: c.applicationId,
      role: base.catalog.role(c.applicationId, c.roleCode),
      roleCode: c.roleCode,
      byStatus: [],
      total: 0,
    };
    entry.byStatus.push({ status: c.status, count: c.count });
    entry.total += c.count;
    byRole.set(key, entry);
  }
  const position = new Map(base.catalog.roles.map((r, i) => [`${r.applicationId}\u0000${r.code}`, i]));
  const roles = [...byRole.entries()]
    .sort(([a], [b]) => (position.get(a) ?? Number.MAX_SAFE_INTEGER) - (position.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b))
    .map(([, entry]) => ({ ...entry, byStatus: entry.byStatus.sort((x, y) => ASSIGNMENT_STATUSES.indexOf(x.status) - ASSIGNMENT_STATUSES.indexOf(y.status)) }));
  return { ...base, roles };
}

// ——— one assignment ———

export interface TimelineEntry extends HistoryEntry {
  /** The actor's name; null: "Automatique". */
  actorName: string | null;
}

export interface AssignmentDetails {
  assignment: Assignment;
  person: Person;
  /** The address notices go to: the one given with the request, else the profile's. */
  email: string | null;
  enterprise: Enterprise;
  application: Application | undefined;
  role: Role | undefined;
  unit: Unit | undefined;
  pending: AssignmentRequest | undefined;
  /** The changes the manager may ask now; none while a request waits. */
  offered: RequestKind[];
  history: TimelineEntry[];
}

/** The timeline of an assignment with the actors' names, newest first. */
export async function timelineOf(ctx: Pick<AppContext, 'db'>, assignmentId: string): Promise<TimelineEntry[]> {
  const history = await historyOf(ctx, assignmentId);
  const names = await store.personNames(ctx.db, history.flatMap((h) => (h.actorId ? [h.actorId] : [])));
  return history.map((h) => ({ ...h, actorName: h.actorId ? (names.get(h.actorId) ?? null) : null }));
}

/** An assignment the actor manages: 404 when it does not exist, 403 when it is out of their scope. */
export async function managedAssignment(ctx: AppContext, who: ActorRef, id: string): Promise<Assignment> {
  const assignment = await assignmentById(ctx, id);
  if (!assignment) throw new NotFoundError();
  if (!(await deciderGrant(ctx, who, assignment))) throw new ForbiddenError('access.errors.forbidden');
  return assignment;
}

/** "Détails de l'attribution de rôle", the manager's view. */
export async function assignmentDetails(ctx: AppContext, who: ActorRef, id: string, lang: Lang): Promise<AssignmentDetails> {
  const assignment = await managedAssignment(ctx, who, id);
  const catalog = await catalogOf(ctx);
  const [person, enterprise, unit, pending, history] = await Promise.all([
    personById(ctx, assignment.personId),
    ctx.registers.enterprises.findEnterprise(assignment.enterpriseNumber, { lang }),
    assignment.unitId ? unitById(ctx, assignment.unitId) : Promise.resolve(undefined),
    pendingRequestOf(ctx, assignment.id),
    timelineOf(ctx, assignment.id),
  ]);
  if (!person || !enterprise) throw new NotFoundError();
  return {
    assignment,
    person,
    email: assignment.contactEmail ?? person.email,
    enterprise,
    application: catalog.application(assignment.applicationId),
    role: catalog.role(assignment.applicationId, assignment.roleCode),
    unit,
    pending,
    offered: pending ? [] : offeredChanges(assignment),
    history,
  };
}

/** Asks a change as the manager; the same checks as the details page (scope first, then the core's rules). */
export async function changeAssignment(ctx: AppContext, who: ActorRef, id: string, change: Change, requestId?: string) {
  await managedAssignment(ctx, who, id);
  return requestChange(ctx, who, id, change, { requestId });
}

// ——— several at once ———

/** At most this many assignments are stopped in one go (one request each). */
export const MAX_SELECTION = 100;

export interface SelectedAssignment {
  assignment: Assignment;
  person: Person | undefined;
  role: Role | undefined;
}

/** The selected assignments of the enterprise the actor may manage, in the order given; others are left out. */
export async function selectedAssignments(ctx: AppContext, who: ActorRef, numberInput: string, ids: readonly string[], lang: Lang): Promise<{ enterprise: Enterprise; selected: SelectedAssignment[] }> {
  const { enterprise } = await managedScope(ctx, who, numberInput, lang);
  if (ids.length > MAX_SELECTION) throw new AppError('access.assignments.bulk.too_many', 400, { max: MAX_SELECTION });
  const catalog = await catalogOf(ctx);
  const selected: SelectedAssignment[] = [];
  for (const id of new Set(ids)) {
    const assignment = await assignmentById(ctx, id);
    if (!assignment || assignment.enterpriseNumber !== enterprise.number || !(await deciderGrant(ctx, who, assignment))) continue;
    selected.push({ assignment, person: await personById(ctx, assignment.personId), role: catalog.role(assignment.applicationId, assignment.roleCode) });
  }
  return { enterprise, selected };
}

export interface StopOutcome extends SelectedAssignment {
  /** Null: stopped (or the request sent); otherwise why not, as a message key. */
  error: AppError | null;
}

/**
 * "Arrêter la sélection": one stop request per assignment, each in its own
 * transaction, so that one already stopped does not hold back the others.
 */
export async function stopSeveral(ctx: AppContext, who: ActorRef, numberInput: string, ids: readonly string[], lang: Lang, requestId?: string): Promise<{ enterprise: Enterprise; outcomes: StopOutcome[] }> {
  const { enterprise, selected } = await selectedAssignments(ctx, who, numberInput, ids, lang);
  const outcomes: StopOutcome[] = [];
  for (const s of selected) {
    try {
      await requestChange(ctx, who, s.assignment.id, { kind: 'stop' }, { requestId });
      outcomes.push({ ...s, error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ ...s, error });
    }
  }
  return { enterprise, outcomes };
}

// ——— export ———

/**
 * Every assignment the actor may manage in the enterprise, every state, as
 * a CSV stream read from a database cursor: memory stays flat whatever the
 * size, and a slow download slows the cursor.
 */
export async function exportAssignments(ctx: AppContext, who: ActorRef, numberInput: string, lang: Lang, t: Translate): Promise<{ enterprise: Enterprise; stream: Readable }> {
  const { enterprise, scope } = await managedScope(ctx, who, numberInput, lang);
  const catalog = await catalogOf(ctx);
  // Role names by application, then code: no key to build for each of a million rows.
  const roleNames = new Map<string, Map<string, string>>();
  for (const r of catalog.roles) {
    let ofApplication = roleNames.get(r.applicationId);
    if (!ofApplication) roleNames.set(r.applicationId, (ofApplication = new Map()));
    ofApplication.set(r.code, r.names[lang]);
  }
  const appNames = new Map(catalog.applications.map((a) => [a.id, a.names[lang]]));
  const statuses = new Map(ASSIGNMENT_STATUSES.map((s) => [s, t(`access.status.${s}`)]));
  const unlimited = t('access.unlimited');
  const header = [
    t('access.assignments.col.role'),
    t('access.assignments.col.application'),
    t('access.assignments.col.family_name'),
    t('access.assignments.col.given_name'),
    t('access.assignments.col.nrn'),
    t('access.assignments.col.email'),
    t('access.assignments.col.start'),
    t('access.assignments.col.end'),
    t('access.assignments.col.status'),
    t('access.assignments.col.properties'),
  ];
  const stream = csvStream(header, store.exportRows(ctx.db, scope, 10_000), (r) => [
    roleNames.get(r.application_id)?.get(r.role_code) ?? r.role_code,
    appNames.get(r.application_id) ?? r.application_id,
    r.family_name,
    r.given_name,
    formatNrn(r.nrn),
    r.email,
    exportedDate(r.valid_from),
    r.valid_until ? exportedDate(r.valid_until) : unlimited,
    statuses.get(r.status) ?? r.status,
    r.unit_name ? (r.unit_number ? `${r.unit_name} (${r.unit_number})` : r.unit_name) : '',
  ]);
  return { enterprise, stream };
}

/**
 * formatDate for the dates PostgreSQL sends (ISO, `YYYY-MM-DD` for every
 * year from 1 to 9999), without its regular expression: two per row of a
 * million-row export. Anything else goes through formatDate itself.
 */
function exportedDate(iso: string): string {
  return iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 ? `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : formatDate(iso);
}

export const enterpriseLabel = (e: Pick<Enterprise, 'name' | 'number'>) => `${e.name ?? ''}, ${formatEnterpriseNumber(e.number)}`.replace(/^, /, '');
