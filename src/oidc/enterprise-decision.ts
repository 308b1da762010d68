import { activeRolesForClient, type RoleClaim } from '../access/claims';
import type { Session } from '../authn/session';
import type { AppContext } from '../platform/context';
import { findActingFor, type ActingFor } from './acting-for';

/**
 * "Se connecter au nom d'une organisation". An application that asks for
 * the `roles` scope receives the person's rights in ONE enterprise, the one
 * they act for. At login: no rights → no choice (roles empty); rights in
 * one enterprise → that one; in several → a page to choose, unless the
 * grant being renewed already holds a choice that is still valid. The
 * application asks `prompt=select_account` to let the person choose again.
 */

/** What the interaction does about the enterprise: ask the person first, or finish with this choice (null: the application did not ask for roles). */
export type EnterpriseDecision = { kind: 'choose'; location: string } | { kind: 'finish'; acting: ActingFor | null; selectAccount: boolean };

export const wantsRoles = (scope: string | undefined) => (scope ?? '').split(' ').includes('roles');
const wantsSelectAccount = (prompt: string | undefined) => (prompt ?? '').split(' ').includes('select_account');

/** The enterprises in which the person holds an active right for the client's application(s), at the session's level, with those rights. */
export async function enterprisesFor(ctx: AppContext, personId: string, clientId: string, session: Pick<Session, 'loa'>): Promise<Map<string, RoleClaim[]>> {
  const byEnterprise = new Map<string, RoleClaim[]>();
  for (const role of await activeRolesForClient(ctx, personId, clientId, { loa: session.loa })) {
    byEnterprise.set(role.enterprise, [...(byEnterprise.get(role.enterprise) ?? []), role]);
  }
  return byEnterprise;
}

/** Called by the interaction once the session answers the request. `chosen`: what the person picked on the page (already checked). */
export async function decideEnterprise(
  ctx: AppContext,
  f: { uid: string; params: Record<string, string | undefined>; clientId: string; session: Session; grantId: string | undefined; chosen?: string },
): Promise<EnterpriseDecision> {
  const selectAccount = wantsSelectAccount(f.params.prompt);
  if (!wantsRoles(f.params.scope)) return { kind: 'finish', acting: null, selectAccount };
  const loa = f.session.loa;
  const enterprises = [...(await enterprisesFor(ctx, f.session.personId, f.clientId, f.session)).keys()];
  if (f.chosen !== undefined && enterprises.includes(f.chosen)) return { kind: 'finish', acting: { enterprise: f.chosen, loa }, selectAccount };
  if (enterprises.length <= 1) return { kind: 'finish', acting: { enterprise: enterprises[0] ?? null, loa }, selectAccount };
  if (!selectAccount && f.grantId) {
    const previous = await findActingFor(ctx.db, f.grantId);
    if (previous?.enterprise && enterprises.includes(previous.enterprise)) return { kind: 'finish', acting: { enterprise: previous.enterprise, loa }, selectAccount };
  }
  return { kind: 'choose', location: `/interaction/${f.uid}/enterprise` };
}
