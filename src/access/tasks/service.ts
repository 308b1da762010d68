import { personById } from '../../identity/service';
import { may } from '../../organisations/policy';
import { currentMandatesOf, type ActorRef } from '../../organisations/service';
import type { AppContext } from '../../platform/context';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { paginate, searchable, type ListQuery, type Pagination } from '../../platform/views/pagination';
import { catalogOf, type Application, type Catalog } from '../catalog/service';
import { deciderGrant } from '../service';
import * as store from './store';
import type { ScopeClause, TaskRow, TaskSearch } from './store';

export type { TaskRow } from './store';

/** The most requests one review walks through: the list shows 10 a page, and a URL must stay short. */
export const MAX_REVIEW = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Any unit but the mandate's own: tells "whatever the unit" from "only in this unit".
const OTHER_UNIT = '00000000-0000-0000-0000-000000000000';

/**
 * What a person may decide, as SQL clauses: for each current mandate, the
 * applications of the catalog the policy lets it manage (whatever the unit,
 * or only in the mandate's unit). The policy stays the one place of the rule;
 * this only asks it about every application.
 */
export async function taskScopeOf(ctx: AppContext, who: ActorRef): Promise<ScopeClause[]> {
  const [mandates, catalog] = await Promise.all([currentMandatesOf(ctx, who.personId), catalogOf(ctx)]);
  const now = ctx.clock.now();
  const clauses: ScopeClause[] = [];
  for (const m of mandates) {
    const actor = { personId: who.personId, mandates: [m], representativeOf: [] };
    const allows = (app: Application, unitId: string | null) =>
      may(actor, { type: 'manage_assignments', enterprise: m.enterpriseNumber, domain: app.domainId, application: app.id, unitId }, now);
    const anyUnit = catalog.applications.filter((a) => allows(a, null) && allows(a, OTHER_UNIT));
    if (anyUnit.length > 0) clauses.push({ enterprise: m.enterpriseNumber, applications: anyUnit.length === catalog.applications.length ? null : anyUnit.map((a) => a.id), unitId: null });
    const inUnit = m.unitId ? catalog.applications.filter((a) => !anyUnit.includes(a) && allows(a, m.unitId)) : [];
    if (inUnit.length > 0) clauses.push({ enterprise: m.enterpriseNumber, applications: inUnit.map((a) => a.id), unitId: m.unitId });
  }
  return clauses;
}

/** Whether the person manages role assignments anywhere (the home shows the managers' links then). */
export function isManager(scope: readonly ScopeClause[]): boolean {
  return scope.length > 0;
}

/** Whether a request lies in the scope (the SQL filter, for rows already loaded). */
export function covered(scope: readonly ScopeClause[], r: Pick<TaskRow, 'enterpriseNumber' | 'applicationId' | 'unitId'>): boolean {
  return scope.some((c) => c.enterprise === r.enterpriseNumber && (c.applications === null || c.applications.includes(r.applicationId)) && (c.unitId === null || c.unitId === r.unitId));
}

/** How many requests wait for the person's decision. */
export async function openTaskCount(ctx: AppContext, scope: readonly ScopeClause[]): Promise<number> {
  return store.countRequests(ctx.db, scope, 'pending');
}

/** Names of the enterprises a scope covers, in the reader's language. */
async function enterpriseNames(ctx: AppContext, numbers: Iterable<string>, lang: Lang): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const number of new Set(numbers)) {
    const enterprise = await ctx.registers.enterprises.findEnterprise(number, { lang });
    names.set(number, enterprise?.name ?? number);
  }
  return names;
}

/** The words of a search, each with the roles and enterprises whose names contain it. */
function taskSearch(q: string, catalog: Catalog, names: Map<string, string>, lang: Lang): TaskSearch {
  const words = searchable(q).split(/\s+/).filter(Boolean).slice(0, 10);
  return {
    words: words.map((word) => ({
      word,
      roles: catalog.roles.filter((r) => searchable(r.names[lang]).includes(word)).map((r) => ({ applicationId: r.applicationId, roleCode: r.code })),
      enterprises: [...names].filter(([, name]) => searchable(name).includes(word)).map(([number]) => number),
    })),
  };
}

export interface TasksPage {
  /** Every pending request the person may decide. */
  total: number;
  rows: TaskRow[];
  pagination: Pagination;
  enterprises: Map<string, string>;
  catalog: Catalog;
}

/**
 * "Aperçu de toutes les demandes ouvertes et traitées": one page of the requests the person may decide,
 * pending or decided, searched by person, role or enterprise.
 */
export async function tasks(ctx: AppContext, who: ActorRef, lang: Lang, state: store.TaskState, query: ListQuery): Promise<TasksPage> {
  const [scope, catalog] = await Promise.all([taskScopeOf(ctx, who), catalogOf(ctx)]);
  const enterprises = await enterpriseNames(ctx, scope.map((c) => c.enterprise), lang);
  const search = taskSearch(query.q, catalog, enterprises, lang);
  const total = await store.countRequests(ctx.db, scope, 'pending');
  const matching = search.words.length > 0 || state !== 'pending' ? await store.countRequests(ctx.db, scope, state, search) : total;
  const pagination = paginate(matching, query.page);
  const rows = await store.requestsPage(ctx.db, scope, state, search, pagination.offset, pagination.limit);
  return { total, rows, pagination, enterprises, catalog };
}

/** The ids of a review, as given (`ids=a&ids=b` or `ids=a,b`): distinct UUIDs, at most MAX_REVIEW. */
export function reviewIds(values: readonly string[]): string[] {
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => UUID.test(v));
  return [...new Set(ids)].slice(0, MAX_REVIEW);
}

export interface ReviewItem {
  task: TaskRow;
  enterpriseName: string;
  /** The person who asked, when it is not the person concerned (an invitation's author, a manager). */
  requesterName: string | null;
  /** Decided meanwhile (by someone else, or automatically). */
  decided: boolean;
}

export interface Review {
  /** The request shown, the first of the ids. */
  current: ReviewItem;
  /** Every request of the review, for the list "Vous avez sélectionné…". */
  selected: TaskRow[];
  catalog: Catalog;
}

/**
 * The first request of a review, with the others selected. 404 when it does
 * not exist; 403 when the person may not decide it: a manager learns nothing
 * of requests outside their scope.
 */
export async function reviewOf(ctx: AppContext, who: ActorRef, ids: readonly string[], lang: Lang): Promise<Review> {
  const rows = new Map((await store.requestsByIds(ctx.db, ids)).map((r) => [r.requestId, r]));
  const first = rows.get(ids[0] ?? '');
  if (!first) throw new NotFoundError();
  if (!(await deciderGrant(ctx, who, first))) throw new ForbiddenError('access.errors.forbidden');
  const [catalog, scope] = await Promise.all([catalogOf(ctx), taskScopeOf(ctx, who)]);
  const names = await enterpriseNames(ctx, [first.enterpriseNumber], lang);
  const requester = first.requestedBy === first.personId ? undefined : await personById(ctx, first.requestedBy);
  return {
    current: {
      task: first,
      enterpriseName: names.get(first.enterpriseNumber) ?? first.enterpriseNumber,
      requesterName: requester ? `${requester.givenName} ${requester.familyName}` : null,
      decided: first.status !== 'pending',
    },
    selected: ids.map((id) => rows.get(id)).filter((r): r is TaskRow => r !== undefined && (r === first || covered(scope, r))),
    catalog,
  };
}
