import type { AppContext } from '../../platform/context';
import { NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { searchable } from '../../platform/views/pagination';
import { checkEnterpriseNumber } from '../../registries/identifiers';
import type { Enterprise } from '../../registries/ports';
import type { MandateKind } from '../model';
import { may } from '../policy';
import { actorFor, currentMandatesOf, registeredEnterprise, type ActorRef } from '../service';

/** An enterprise the person may work for, with what they are in it. */
export interface ManagedEnterprise {
  number: string;
  name: string | null;
  /** Their current mandates' kinds, and `legal_representative` from the register. */
  capacities: Array<MandateKind | 'legal_representative'>;
}

/**
 * "Entreprises": every enterprise the person may manage today, from their
 * current mandates and the legal functions the register lists for them, by
 * name. The search matches the name (accents and case ignored) or the number.
 */
export async function enterprisesOf(ctx: AppContext, who: ActorRef, lang: Lang, q = ''): Promise<ManagedEnterprise[]> {
  const [mandates, functions] = await Promise.all([
    currentMandatesOf(ctx, who.personId),
    ctx.registers.enterprises.legalFunctionsOf(who.nrn, { lang, at: ctx.clock.now() }),
  ]);
  const byNumber = new Map<string, ManagedEnterprise>();
  const entry = (number: string, name: string | null) => {
    const found = byNumber.get(number) ?? { number, name, capacities: [] };
    byNumber.set(number, found);
    return found;
  };
  for (const f of functions.filter((f) => f.represents)) {
    const e = entry(f.enterpriseNumber, f.enterpriseName);
    if (!e.capacities.includes('legal_representative')) e.capacities.push('legal_representative');
  }
  for (const m of mandates) {
    const e = entry(m.enterpriseNumber, null);
    if (!e.capacities.includes(m.kind)) e.capacities.push(m.kind);
  }
  await Promise.all(
    [...byNumber.values()].filter((e) => e.name === null).map(async (e) => (e.name = (await ctx.registers.enterprises.findEnterprise(e.number, { lang }))?.name ?? null)),
  );
  const needle = searchable(q.trim());
  const digits = q.replace(/[\s.]/g, '');
  return [...byNumber.values()]
    .filter((e) => !needle || searchable(e.name ?? '').includes(needle) || (/^\d+$/.test(digits) && e.number.includes(digits)))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', lang) || a.number.localeCompare(b.number));
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
