import type { Db } from '../platform/db/database';
import { forgetClientOrigins } from './form-targets';
import { findClient, type ClientRecord } from './store';

/**
 * How long a node keeps a relying application's record before reading it
 * again. Every authorization and token request needs the client, and
 * clients change rarely: through `sesame clients …` (another process) and
 * the catalog applied at start. A version check would itself cost a
 * round trip per request, so a short TTL it is: after `sesame clients
 * rotate-secret` or `remove`, the old secret or the removed client keeps
 * working on a node for at most this long. Changes made in this process
 * (the catalog at start, tests) clear the cache at once
 * ({@link forgetCachedClients}).
 */
export const CLIENT_CACHE_TTL_MS = 5_000;

interface Entry {
  record: Promise<ClientRecord | undefined>;
  until: number;
}

// Per database, so that two applications in one process (tests, benchmarks) never share a client.
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * A client, from the cache while it is fresh. Concurrent misses share one
 * read; an unknown client id is not remembered, so a client added by the
 * command line works at once.
 */
export function cachedClient(db: Db, clientId: string, now = performance.now()): Promise<ClientRecord | undefined> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(clientId);
  if (hit && hit.until > now) return hit.record;
  const entry: Entry = { record: findClient(db, clientId), until: now + CLIENT_CACHE_TTL_MS };
  cache.set(clientId, entry);
  const forget = () => {
    if (cache.get(clientId) === entry) cache.delete(clientId);
  };
  entry.record.then((record) => record ?? forget(), forget);
  return entry.record;
}

/** Drops the cached clients of a database: called by every change to clients made in this process. */
export function forgetCachedClients(db: Db): void {
  caches.delete(db);
  forgetClientOrigins(db);
}
