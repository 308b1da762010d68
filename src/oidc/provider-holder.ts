import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type Provider from 'oidc-provider';
import type { AppContext } from '../platform/context';
import { pruneExpiredInstances } from './adapter';
import { loadSigningKeys } from './signing-keys';

/** How often a node looks for rotated signing keys and prunes expired provider rows. */
export const KEY_RELOAD_MS = 60_000;

export interface ProviderHolder {
  /** The provider built with the current signing keys. */
  readonly current: Provider;
  callback(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): void;
}

/**
 * Keeps the provider in step with the signing keys in the database: after
 * `sesame keys rotate`, every node rebuilds its provider within a minute,
 * so the new key signs and the retired one stays published.
 */
export async function startProviderHolder(ctx: AppContext, build: (jwks: { keys: object[] }) => Provider, log: FastifyBaseLogger): Promise<ProviderHolder> {
  let keys = await loadSigningKeys(ctx, (m) => log.warn(m));
  let provider = build({ keys: keys.keys });
  let callback = provider.callback() as unknown as (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  await pruneExpiredInstances(ctx.db);

  const timer = setInterval(() => {
    void (async () => {
      const next = await loadSigningKeys(ctx, (m) => log.warn(m));
      if (next.version !== keys.version) {
        keys = next;
        provider = build({ keys: next.keys });
        callback = provider.callback() as unknown as typeof callback;
        log.info('OpenID signing keys changed: provider rebuilt');
      }
      await pruneExpiredInstances(ctx.db);
    })().catch((error: unknown) => log.error({ err: error }, 'OpenID provider refresh failed'));
  }, KEY_RELOAD_MS);
  timer.unref();

  return {
    get current() {
      return provider;
    },
    callback: (req, res) => callback(req, res),
    stop: () => clearInterval(timer),
  };
}
