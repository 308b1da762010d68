import type { AppContext } from '../../platform/context';
import { NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { paginate, type Pagination } from '../../platform/views/pagination';
import { checkEnterpriseNumber } from '../../registries/identifiers';
import type { Enterprise } from '../../registries/ports';
import { today, type MandateKind } from '../model';
import { may } from '../policy';
import { actorFor, registeredEnterprise, type ActorRef } from '../service';
import { currentMandateCapacities } from '../store';

/** An enterprise the person may work for, with what they are in it. */
export interface ManagedEnterprise {
  number: string;
  name: string | null;
  /** Their current mandates' kinds, and `legal_representative` from the register. */
  capacities: Array<MandateKind | 'legal_representative'>;
}

/** One page of the chooser, and how many enterprises match in all. */
export interface ManagedEnterprisesPage {
  rows: ManagedEnterprise[];
  pagination: Pagination;
}

/**
 * "Entreprises": one page of the enterprises the person may manage today,
 * from their current mandates and the legal functions the register lists
 * for them, by name. The search matches the name (accents and case
 * ignored) or the number. Paged in the database: a manager may have
 * thousands of enterprises.
 */
export async function enterprisesOf(
  ctx: AppContext,
  who: ActorRef,
  lang: Lang,
  q: string,
  page: number,
  options: { /** false: only where they hold a current mandate (role management), not where they only represent. */ representatives?: boolean } = {},
): Promise<ManagedEnterprisesPage> {
  const now = ctx.clock.now();
  const load = (pagination: Pagination) =>
    ctx.registers.enterprises.managedEnterprises({
      nrn: who.nrn,
      also: currentMandateCapacities(ctx.db, who.personId, today(now)),
      representatives: options.representatives,
      q,
      lang,
      at: now,
      offset: pagination.offset,
      limit: pagination.limit,
    });
  const requested = paginate(Number.MAX_SAFE_INTEGER, page);
  let found = await load(requested);
  let pagination = paginate(found.total, page);
  // Past the last page, where the count comes back with no row: count, then show the last page as paginate does.
  if (found.rows.length === 0 && requested.offset > 0) {
    pagination = paginate((await load({ ...requested, offset: 0, limit: 1 })).total, page);
    found = await load(pagination);
  }
  return { rows: found.rows.map((row) => ({ ...row, capacities: row.capacities as ManagedEnterprise['capacities'] })), pagination };
}

export interface EnterpriseHome {
  enterprise: Enterprise;
  registered: boolean;
  mayViewManagers: boolean;
  mayManageUsers: boolean;
  mayRegister: boolean;
}

/** The management home of one enterprise: what the person may open there. 404 when they may do nothing in it. */
export async function enterpriseHome(ctx: AppContext, who: ActorRef, numberInput: string, lang: Lang): Promise<EnterpriseHome> {
  const checked = checkEnterpriseNumber(numberInput);
  if (!checked.ok) throw new NotFoundError();
  const number = checked.value;
  const [enterprise, registration, actor] = await Promise.all([
    ctx.registers.enterprises.findEnterprise(number, { lang }),
    registeredEnterprise(ctx, number),
    actorFor(ctx, who, number),
  ]);
  const now = ctx.clock.now();
  const mayViewManagers = may(actor, { type: 'view_managers', enterprise: number }, now);
  if (!enterprise || !mayViewManagers) throw new NotFoundError();
  const mayManageUsers = actor.mandates.some((m) => m.enterpriseNumber === number && may(actor, { type: 'manage_users', enterprise: number, unitId: m.unitId }, now));
  return {
    enterprise,
    registered: registration !== undefined,
    mayViewManagers: registration !== undefined,
    mayManageUsers: registration !== undefined && mayManageUsers,
    mayRegister: may(actor, { type: 'designate_principal', enterprise: number }, now),
  };
}
