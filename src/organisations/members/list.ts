import type { AppContext } from '../../platform/context';
import { NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { paginate, searchable, type ListQuery, type Pagination } from '../../platform/views/pagination';
import { isCurrent } from '../model';
import { mandatesOfEnterprise, type ActorRef, type MandateRecord } from '../service';
import { membershipStatus, type ListFilters, type MembershipCategory, type MembershipStatus } from './model';
import { personsWithApplication, rightsOf, type PersonRight } from './rights';
import { covers, scopeFor, type EnterpriseScope, type Membership } from './service';
import * as store from './store';

export const SORT_KEYS = ['name', 'nrn', 'type', 'status', 'start'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** One person of an enterprise as the list shows them, from what the actor may see. */
export interface PersonRow {
  personId: string;
  nrn: string;
  givenName: string;
  familyName: string;
  /** Manager: holds a current mandate in the enterprise; user otherwise. */
  type: 'manager' | 'user';
  status: 'active' | 'ended';
  /** The memberships the actor may see, newest first. */
  memberships: Array<Membership & { status: MembershipStatus; unitName: string | null }>;
  /** The person's mandates in the enterprise that are not revoked (shown only to who manages the whole enterprise). */
  mandates: MandateRecord[];
  /** The earliest start date among the visible memberships, '' when none. */
  since: string;
  category: MembershipCategory | null;
}

/** Every person the actor may see in the enterprise, unfiltered, by family name. */
export async function visiblePersons(ctx: AppContext, scope: EnterpriseScope): Promise<PersonRow[]> {
  const number = scope.enterprise.number;
  const now = ctx.clock.now();
  const unitNames = new Map(scope.units.map((u) => [u.id, u.name]));
  const [memberships, mandates] = await Promise.all([store.listMembershipsOfEnterprise(ctx.db, number), mandatesOfEnterprise(ctx, number)]);
  const visible = memberships.filter((m) => covers(scope, m.unitId));
  // Managers are listed to who manages the enterprise as a whole; a local manager sees the users of their unit only.
  const liveMandates = scope.all ? mandates.filter((m) => m.revokedAt === null) : [];
  const ids = [...new Set([...visible.map((m) => m.personId), ...liveMandates.map((m) => m.personId)])];
  const names = await store.namesOf(ctx.db, ids);
  const rows: PersonRow[] = [];
  for (const id of ids) {
    const person = names.get(id);
    if (!person) continue;
    const own = visible.filter((m) => m.personId === id).map((m) => ({ ...m, status: membershipStatus(m, now), unitName: m.unitId ? (unitNames.get(m.unitId) ?? null) : null }));
    const held = liveMandates.filter((m) => m.personId === id);
    const manager = held.some((m) => isCurrent(m, now));
    const active = manager || own.some((m) => m.status !== 'ended');
    rows.push({
      personId: id,
      nrn: person.nrn,
      givenName: person.givenName,
      familyName: person.familyName,
      type: manager ? 'manager' : 'user',
      status: active ? 'active' : 'ended',
      memberships: own,
      mandates: held,
      since: own.map((m) => m.startDate).sort()[0] ?? '',
      category: own[0]?.category ?? null,
    });
  }
  return rows.sort(byName);
}

function byName(a: PersonRow, b: PersonRow): number {
  return a.familyName.localeCompare(b.familyName, 'fr') || a.givenName.localeCompare(b.givenName, 'fr') || a.nrn.localeCompare(b.nrn);
}

/** Search (name, first name, national number), filters and sort of the persons list. Pure. */
export function filterPersons(rows: readonly PersonRow[], query: Pick<ListQuery<SortKey>, 'q' | 'sort' | 'dir'>, filters: ListFilters): PersonRow[] {
  const q = searchable(query.q);
  const digits = query.q.replace(/[\s.-]/g, '');
  const words = q.split(/\s+/).filter(Boolean);
  const matches = (row: PersonRow) => {
    if (!q) return true;
    if (/^\d+$/.test(digits)) return row.nrn.includes(digits);
    const text = searchable(`${row.givenName} ${row.familyName}`);
    return words.every((w) => text.includes(w));
  };
  const inUnit = (row: PersonRow) =>
    !filters.unit || row.memberships.some((m) => (filters.unit === 'none' ? m.unitId === null : m.unitId === filters.unit));
  const filtered = rows.filter((r) => matches(r) && inUnit(r) && (!filters.type || r.type === filters.type) && (!filters.status || r.status === filters.status));
  const compare: Record<SortKey, (a: PersonRow, b: PersonRow) => number> = {
    name: byName,
    nrn: (a, b) => a.nrn.localeCompare(b.nrn),
    type: (a, b) => a.type.localeCompare(b.type) || byName(a, b),
    status: (a, b) => a.status.localeCompare(b.status) || byName(a, b),
    start: (a, b) => a.since.localeCompare(b.since) || byName(a, b),
  };
  const sorted = [...filtered].sort(compare[query.sort ?? 'name']);
  return query.dir === 'desc' ? sorted.reverse() : sorted;
}

export interface PersonsPage {
  scope: EnterpriseScope;
  rows: PersonRow[];
  pagination: Pagination;
}

/** "Personnes": one page of the filtered list. */
export async function personsPage(ctx: AppContext, who: ActorRef, number: string, lang: Lang, query: ListQuery<SortKey>, filters: ListFilters): Promise<PersonsPage & { all: PersonRow[] }> {
  const scope = await scopeFor(ctx, who, number, lang);
  let rows = await visiblePersons(ctx, scope);
  if (filters.application) {
    const holders = await personsWithApplication(ctx, scope.enterprise.number, filters.application);
    rows = rows.filter((r) => holders.has(r.personId));
  }
  const all = filterPersons(rows, query, filters);
  const pagination = paginate(all.length, query.page);
  return { scope, all, rows: all.slice(pagination.offset, pagination.offset + pagination.limit), pagination };
}

/**
 * One person of the enterprise the actor may see, with their rights; NotFoundError
 * otherwise (a local manager does not learn of other units' users). Who manages
 * the enterprise as a whole sees every right; a local manager, the rights in
 * the units they manage.
 */
export async function personDetails(ctx: AppContext, who: ActorRef, number: string, personId: string, lang: Lang): Promise<{ scope: EnterpriseScope; person: PersonRow; rights: PersonRight[] }> {
  const scope = await scopeFor(ctx, who, number, lang);
  const person = (await visiblePersons(ctx, scope)).find((r) => r.personId === personId);
  if (!person) throw new NotFoundError();
  const rights = (await rightsOf(ctx, number, personId)).filter((r) => scope.all || (r.unitId !== null && scope.unitIds.has(r.unitId)));
  return { scope, person, rights };
}

/** Several persons side by side, in the order asked; unknown or hidden ones are left out. */
export async function comparePersons(ctx: AppContext, who: ActorRef, number: string, personIds: readonly string[], lang: Lang): Promise<{ scope: EnterpriseScope; persons: PersonRow[] }> {
  const scope = await scopeFor(ctx, who, number, lang);
  const rows = new Map((await visiblePersons(ctx, scope)).map((r) => [r.personId, r]));
  const persons = [...new Set(personIds)].map((id) => rows.get(id)).filter((r): r is PersonRow => r !== undefined).slice(0, 6);
  return { scope, persons };
}

/** At most this many persons are ended at once ("Supprimer utilisateur(s)"). */
const MAX_END_AT_ONCE = 50;

/**
 * The selected persons the actor may see, each with the open working relationships the actor may end
 * (a local manager: those of her units); persons with none are left out.
 */
export async function openMembershipsOf(ctx: AppContext, who: ActorRef, number: string, personIds: readonly string[], lang: Lang): Promise<{ scope: EnterpriseScope; persons: PersonRow[] }> {
  const scope = await scopeFor(ctx, who, number, lang);
  const wanted = new Set(personIds.slice(0, MAX_END_AT_ONCE));
  const persons = (await visiblePersons(ctx, scope))
    .filter((r) => wanted.has(r.personId))
    .map((r) => ({ ...r, memberships: r.memberships.filter((m) => m.status !== 'ended') }))
    .filter((r) => r.memberships.length > 0);
  return { scope, persons };
}
