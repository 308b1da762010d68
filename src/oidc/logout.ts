import type Provider from 'oidc-provider';
import type { Session } from '../authn/session';
import type { Db } from '../platform/db/database';
import { KyselyAdapter, takeLinkedProviderSessions } from './adapter';

/** What oidc-provider's Client does and its type declarations do not show. */
interface BackchannelClient {
  backchannelLogout(sub: string, sid: string): Promise<void>;
}

const GRANT_MODELS = ['AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials'];

/**
 * Ends the provider sessions linked to one single-sign-on session: each application of the session gets a
 * back-channel logout, its grant and tokens are revoked, the provider
 * session is destroyed. Returns the applications notified.
 */
export async function endProviderSessions(
  provider: Provider,
  db: Db,
  session: Pick<Session, 'id'>,
  log: { warn(obj: object, msg: string): void },
): Promise<string[]> {
  const notified: string[] = [];
  for (const uid of await takeLinkedProviderSessions(db, session.id)) {
    const providerSession = await provider.Session.findByUid(uid);
    if (!providerSession) continue;
    const accountId = providerSession.accountId!;
    await Promise.all(
      Object.entries(providerSession.authorizations ?? {}).map(async ([clientId, authorization]) => {
        const client = await provider.Client.find(clientId);
        if (client?.backchannelLogoutUri) {
          try {
            await (client as unknown as BackchannelClient).backchannelLogout(accountId, authorization.sid!);
            notified.push(clientId);
          } catch (error) {
            log.warn({ clientId, err: error }, 'back-channel logout failed');
          }
        }
        const grantId = authorization.grantId;
        if (grantId && !authorization.persistsLogout) {
          for (const model of GRANT_MODELS) await new KyselyAdapter(model, db).revokeByGrantId(grantId);
          await new KyselyAdapter('Grant', db).destroy(grantId);
        }
      }),
    );
    await providerSession.destroy();
  }
  return notified;
}
