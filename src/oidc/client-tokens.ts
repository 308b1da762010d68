import type { Db } from '../platform/db/database';
import { KyselyAdapter } from './adapter';
import { cachedClient } from './client-cache';

/** What a client-credentials access token stands for. */
export interface ClientToken {
  clientId: string;
  scopes: string[];
}

/**
 * How long a node trusts a client-credentials token it has checked. The
 * APIs for applications are called thousands of times a second with the
 * same token (it lives 10 minutes): reading it each time would double
 * their database work. A revoked token (or a removed client) keeps working
 * on a node for at most this long, as a removed client does in
 * client-cache.ts; never past the token's own expiry.
 */
export const CLIENT_TOKEN_CACHE_MS = 5_000;
const CACHE_LIMIT = 10_000;

const caches = new WeakMap<Db, Map<string, { token: ClientToken; until: number }>>();

async function lookUp(db: Db, value: string): Promise<{ token: ClientToken; expiresAtMs: number } | undefined> {
  // Opaque tokens: the value is the stored instance's id (oidc-provider's opaque format).
  const stored = (await new KyselyAdapter('ClientCredentials', db).find(value)) as { kind?: string; clientId?: string; scope?: string; exp?: number } | undefined;
  if (!stored || stored.kind !== 'ClientCredentials' || !stored.clientId || typeof stored.exp !== 'number') return undefined;
  if (stored.exp * 1000 <= Date.now()) return undefined;
  if (!(await cachedClient(db, stored.clientId))) return undefined;
  return { token: { clientId: stored.clientId, scopes: (stored.scope ?? '').split(' ').filter(Boolean) }, expiresAtMs: stored.exp * 1000 };
}

/**
 * The client behind a `Authorization: Bearer …` client-credentials access
 * token issued by our provider, or undefined (absent, unknown, expired,
 * revoked, or its client removed).
 */
export async function clientOfBearer(db: Db, authorization: string | undefined): Promise<ClientToken | undefined> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
  if (!match) return undefined;
  const value = match[1]!;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(value);
  if (hit && hit.until > now) return hit.token;
  const found = await lookUp(db, value);
  if (!found) {
    cache.delete(value);
    return undefined;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, { token: found.token, until: Math.min(now + CLIENT_TOKEN_CACHE_MS, found.expiresAtMs) });
  return found.token;
}
