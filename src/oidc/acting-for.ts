import { activeRolesForClient, type RoleClaim } from '../access/claims';
import { isLoa, type Loa } from '../authn/loa';
import type { AppContext } from '../platform/context';
import type { Db } from '../platform/db/database';

/**
 * "Se connecter au nom d'une organisation": the enterprise a person acts
 * for in an application, chosen when the login finished, and the level of
 * the session that chose it. Kept per grant (tokens carry the grant id, and
 * refresh tokens keep the choice) on the provider's table, as a model of
 * our own, like the grant's identification (adapter.ts). A null enterprise:
 * the person had no role for the application then, so `roles` is empty.
 */
const MODEL = 'GrantActingFor';

export interface ActingFor {
  enterprise: string | null;
  loa: Loa;
}

export async function recordActingFor(db: Db, grantId: string, acting: ActingFor, expiresAt: Date): Promise<void> {
  const payload = JSON.stringify(acting);
  await db
    .insertInto('oidc_model_instances')
    .values({ model: MODEL, id: grantId, payload, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload, expires_at: expiresAt }))
    .execute();
}

export async function findActingFor(db: Db, grantId: string): Promise<ActingFor | undefined> {
  const row = await db
    .selectFrom('oidc_model_instances')
    .select('payload')
    .where('model', '=', MODEL)
    .where('id', '=', grantId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirst();
  const payload = row?.payload as Partial<ActingFor> | undefined;
  if (!payload || !isLoa(payload.loa)) return undefined;
  return { enterprise: typeof payload.enterprise === 'string' ? payload.enterprise : null, loa: payload.loa };
}

/**
 * The `roles` scope's claims for a token of a grant: the person's active
 * rights for the client's application(s) in the enterprise chosen at login,
 * without those whose role needs a higher level than that session's; and
 * `enterprise`, the enterprise the person acts for (absent when none).
 */
export async function rolesClaims(ctx: Pick<AppContext, 'db' | 'clock'>, grantId: string | undefined, personId: string, clientId: string | undefined): Promise<{ roles: RoleClaim[]; enterprise?: string }> {
  const acting = grantId ? await findActingFor(ctx.db, grantId) : undefined;
  if (!acting?.enterprise || !clientId) return { roles: [] };
  const roles = await activeRolesForClient(ctx, personId, clientId, { loa: acting.loa, enterprise: acting.enterprise });
  return { roles, enterprise: acting.enterprise };
}
