import { personById } from '../../identity/service';
import { registeredEnterprise, type ActorRef, type Unit } from '../../organisations/service';
import { unitsOf } from '../../organisations/members/service';
import type { AppContext } from '../../platform/context';
import { InputError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { paginate, type Pagination } from '../../platform/views/pagination';
import { checkEnterpriseNumber } from '../../registries/identifiers';
import { catalogOf, type Application, type Catalog } from '../catalog/service';
import { LIVE_STATUSES } from '../model';
import { assignmentById, historyOf, offeredChanges, pendingRequestOf, requestAssignments, requestChange, type Assignment, type AssignmentRequest, type HistoryEntry, type Outcome } from '../service';
import { isManager, openTaskCount, taskScopeOf } from '../tasks/service';
import * as store from './store';
import type { MyAssignmentRow } from './store';

export type { MyAssignmentRow } from './store';

/** What the home's four sections count. */
export interface HomeCounts {
  /** Whether the person manages role assignments somewhere: the managers' links are shown then. */
  manager: boolean;
  openTasks: number;
  /** Their own active assignments. */
  active: number;
}

export async function homeCounts(ctx: AppContext, who: ActorRef): Promise<HomeCounts> {
  const scope = await taskScopeOf(ctx, who);
  const [openTasks, active] = await Promise.all([openTaskCount(ctx, scope), store.countMine(ctx.db, who.personId, ['active'])]);
  return { manager: isManager(scope), openTasks, active };
}

/** Names of enterprises in the reader's language, each looked up once. */
export async function enterpriseNames(ctx: AppContext, numbers: Iterable<string>, lang: Lang): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const number of new Set(numbers)) names.set(number, (await ctx.registers.enterprises.findEnterprise(number, { lang }))?.name ?? number);
  return names;
}

export interface MinePage {
  rows: MyAssignmentRow[];
  pagination: Pagination;
  enterprises: Map<string, string>;
  catalog: Catalog;
}

/** "Mes attributions de rôles": the current ones (live states), or all of them, 10 a page. */
export async function myAssignments(ctx: AppContext, who: ActorRef, options: { all: boolean; page: number; lang: Lang }): Promise<MinePage> {
  const statuses = options.all ? null : LIVE_STATUSES;
  const pagination = paginate(await store.countMine(ctx.db, who.personId, statuses), options.page);
  const rows = await store.minePage(ctx.db, who.personId, statuses, pagination.offset, pagination.limit);
  const [enterprises, catalog] = await Promise.all([enterpriseNames(ctx, rows.map((r) => r.enterpriseNumber), options.lang), catalogOf(ctx)]);
  return { rows, pagination, enterprises, catalog };
}

/** A line of the history with the actor's name; null: "Automatique". */
export interface TimelineEntry extends HistoryEntry {
  actorName: string | null;
}

/** The timeline of an assignment with the actors' names, newest first. */
export async function timelineOf(ctx: AppContext, assignmentId: string): Promise<TimelineEntry[]> {
  const entries = await historyOf(ctx, assignmentId);
  const names = new Map<string, string>();
  for (const id of new Set(entries.map((e) => e.actorId).filter((id): id is string => id !== null))) {
    const person = await personById(ctx, id);
    if (person) names.set(id, `${person.givenName} ${person.familyName}`);
  }
  return entries.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? '—') : null }));
}

export interface MyAssignmentDetails {
  assignment: Assignment;
  enterpriseName: string;
  unitName: string | null;
  catalog: Catalog;
  pending: AssignmentRequest | undefined;
  /** Whether the person may stop it now ("Arrêter"): a live right with no request waiting. */
  mayStop: boolean;
  history: TimelineEntry[];
}

/** One of the person's own assignments; 404 for anyone else's (managers have their own page). */
export async function myAssignment(ctx: AppContext, who: ActorRef, id: string, lang: Lang): Promise<MyAssignmentDetails> {
  const assignment = await assignmentById(ctx, id);
  if (!assignment || assignment.personId !== who.personId) throw new NotFoundError();
  const [pending, history, catalog, names, units] = await Promise.all([
    pendingRequestOf(ctx, assignment.id),
    timelineOf(ctx, assignment.id),
    catalogOf(ctx),
    enterpriseNames(ctx, [assignment.enterpriseNumber], lang),
    assignment.unitId ? unitsOf(ctx, assignment.enterpriseNumber) : Promise.resolve([] as Unit[]),
  ]);
  return {
    assignment,
    enterpriseName: names.get(assignment.enterpriseNumber) ?? assignment.enterpriseNumber,
    unitName: units.find((u) => u.id === assignment.unitId)?.name ?? null,
    catalog,
    pending,
    mayStop: pending === undefined && offeredChanges(assignment).includes('stop'),
    history,
  };
}

/** "Arrêter" on one's own right: approved at once (a person may always give up their own right). */
export async function stopOwn(ctx: AppContext, who: ActorRef, id: string, requestId?: string): Promise<Outcome> {
  await myAssignment(ctx, who, id, 'fr');
  return requestChange(ctx, who, id, { kind: 'stop' }, { requestId });
}

// ——— "Demander soi-même une attribution de rôle" ———

/**
 * The enterprises the first step offers: the registered ones where the
 * person has an open membership. Decision: those are what a user expects to
 * see (where they work, and where an automatic-approval role is granted at
 * once); but a person may also work for an enterprise that has not recorded
 * them yet (an external accountant, a newcomer), so the step also takes any
 * registered enterprise by number: its managers then decide the request.
 */
export async function requestEnterprises(ctx: AppContext, who: ActorRef, lang: Lang): Promise<Array<{ number: string; name: string }>> {
  const numbers = await store.openMembershipEnterprises(ctx.db, who.personId);
  const names = await enterpriseNames(ctx, numbers, lang);
  return numbers.map((number) => ({ number, name: names.get(number) ?? number })).sort((a, b) => a.name.localeCompare(b.name, lang));
}

/** A registered enterprise from what the person chose or typed; InputError on `field` otherwise. */
export async function requestEnterprise(ctx: AppContext, input: string, field: string, lang: Lang): Promise<{ number: string; name: string }> {
  const checked = checkEnterpriseNumber(input);
  if (!checked.ok) throw new InputError(field, input.trim() === '' ? 'access.home.request.enterprise_required' : checked.error);
  if (!(await registeredEnterprise(ctx, checked.value))) throw new InputError(field, 'access.errors.enterprise_not_registered');
  const names = await enterpriseNames(ctx, [checked.value], lang);
  return { number: checked.value, name: names.get(checked.value) ?? checked.value };
}

/** The applications a person may ask a role of: used through roles, with at least one role. */
export function requestableApplications(catalog: Catalog): Application[] {
  return catalog.applications.filter((a) => a.audience === 'enterprise' && catalog.rolesOf(a.id).length > 0);
}

export interface SelfRequestInput {
  enterpriseNumber: string;
  applicationId: string;
  roleCode: string;
  unitId: string | null;
  validFrom: string;
  validUntil: string | null;
  contactEmail: string;
  message: string;
}

/** Sends the person's own request; the core checks the role, the unit and the validity, and grants automatic-approval roles at once. */
export async function requestForSelf(ctx: AppContext, who: ActorRef, input: SelfRequestInput, requestId?: string): Promise<Outcome> {
  const [outcome] = await requestAssignments(ctx, who, [{ personId: who.personId, ...input }], { via: 'self', requestId });
  return outcome!;
}
