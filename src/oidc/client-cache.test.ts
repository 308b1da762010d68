import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../platform/clock';
import { createTestDatabase, type TestDatabase } from '../platform/testing/database';
import { CLIENT_CACHE_TTL_MS, cachedClient } from './client-cache';
import { removeClient, rotateClientSecret, saveClient } from './clients';
import { setClientSecretHash } from './store';

let t: TestDatabase;
const clock = new TestClock();
const ctx = () => ({ db: t.db, clock });
const app = { client_id: 'cached-app', redirect_uris: ['https://app.example/cb'], secret: 'a-secret-of-at-least-thirty-two-characters' };

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('the per-node client cache', () => {
  it('serves a client from memory until its time is up, then reads it again', async () => {
    await saveClient(ctx(), app, 'cli');
    const first = await cachedClient(t.db, 'cached-app', 0);
    // Changed behind the cache's back, as `sesame clients rotate-secret` does from another process.
    await setClientSecretHash(t.db, 'cached-app', `sha256:${'A'.repeat(43)}`, clock.now());
    expect((await cachedClient(t.db, 'cached-app', CLIENT_CACHE_TTL_MS - 1))?.secretHash).toBe(first?.secretHash);
    expect((await cachedClient(t.db, 'cached-app', CLIENT_CACHE_TTL_MS))?.secretHash).toBe(`sha256:${'A'.repeat(43)}`);
  });

  it('forgets at once what this process changes', async () => {
    const before = await cachedClient(t.db, 'cached-app');
    await rotateClientSecret(ctx(), 'cached-app');
    expect((await cachedClient(t.db, 'cached-app'))?.secretHash).not.toBe(before?.secretHash);
    await removeClient(ctx(), 'cached-app');
    expect(await cachedClient(t.db, 'cached-app')).toBeUndefined();
  });

  it('does not remember an unknown client, so one added later works at once', async () => {
    expect(await cachedClient(t.db, 'later-app')).toBeUndefined();
    await t.db.insertInto('oidc_clients').values({ client_id: 'later-app', metadata: '{}', secret_hash: null, source: 'cli', updated_at: new Date() }).execute();
    expect((await cachedClient(t.db, 'later-app'))?.clientId).toBe('later-app');
  });
});
