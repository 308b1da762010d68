import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { TestClock } from '../platform/clock';
import { createTestDatabase, type TestDatabase } from '../platform/testing/database';
import { KyselyAdapter, pruneExpiredInstances } from './adapter';
import { applyCatalogFile, listClients, rotateClientSecret, saveClient } from './clients';
import { clientSecretMatches } from './crypto';
import { loadSigningKeys, rotateSigningKeys } from './signing-keys';
import { RETIRED_KEY_PUBLISHED_S } from './ttl';

let test: TestDatabase;
const clock = new TestClock(new Date());
const cookieSecret = 'a-platform-secret-of-at-least-32-characters';
const ctx = () => ({ db: test.db, clock, cookieSecret, config: loadConfig({ NODE_ENV: 'test' }) });

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('the provider storage adapter', () => {
  it('finds what it stored, by id, uid and user code', async () => {
    const adapter = new KyselyAdapter('Interaction', test.db);
    await adapter.upsert('i1', { uid: 'u1', userCode: 'ABCD', kind: 'Interaction' }, 60);
    expect(await adapter.find('i1')).toMatchObject({ uid: 'u1' });
    expect(await adapter.findByUid('u1')).toMatchObject({ kind: 'Interaction' });
    expect(await adapter.findByUserCode('ABCD')).toMatchObject({ uid: 'u1' });
    await adapter.destroy('i1');
    expect(await adapter.find('i1')).toBeUndefined();
  });

  it('consumes a code exactly once, even when two requests race', async () => {
    const adapter = new KyselyAdapter('AuthorizationCode', test.db);
    await adapter.upsert('c1', { grantId: 'g1' }, 60);
    const results = await Promise.allSettled([adapter.consume('c1'), adapter.consume('c1')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await adapter.find('c1'))?.consumed).toEqual(expect.any(Number));
  });

  it('revokes every token of a grant', async () => {
    const adapter = new KyselyAdapter('AccessToken', test.db);
    await adapter.upsert('a1', { grantId: 'g2' }, 60);
    await adapter.upsert('a2', { grantId: 'g3' }, 60);
    await adapter.revokeByGrantId('g2');
    expect(await adapter.find('a1')).toBeUndefined();
    expect(await adapter.find('a2')).toBeDefined();
  });

  it('never returns an expired instance, and prunes it', async () => {
    const adapter = new KyselyAdapter('Session', test.db);
    await adapter.upsert('s1', { uid: 'old' }, 60);
    await test.db.updateTable('oidc_model_instances').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', 's1').execute();
    expect(await adapter.find('s1')).toBeUndefined();
    expect(await adapter.findByUid('old')).toBeUndefined();
    expect(await pruneExpiredInstances(test.db)).toBeGreaterThanOrEqual(1);
  });
});

describe('signing keys', () => {
  it('are generated once, encrypted at rest, and rotated with the old ones published until their tokens expire', async () => {
    const first = await loadSigningKeys(ctx());
    expect(first.keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    expect((await loadSigningKeys(ctx())).version).toBe(first.version);
    const stored = await test.db.selectFrom('oidc_signing_keys').select('jwk').execute();
    expect(stored.every((r) => !r.jwk.includes('"d"'))).toBe(true);

    await rotateSigningKeys(ctx());
    const rotated = await loadSigningKeys(ctx());
    expect(rotated.keys).toHaveLength(4);
    // The new ones come first: they sign.
    expect(rotated.keys.slice(0, 2).map((k) => k.kid)).not.toEqual(expect.arrayContaining(first.keys.map((k) => k.kid)));

    clock.advance((RETIRED_KEY_PUBLISHED_S + 1) * 1000);
    const later = await loadSigningKeys(ctx());
    expect(later.keys.map((k) => k.kid)).toEqual(rotated.keys.slice(0, 2).map((k) => k.kid));
  });

  it('ignores keys that the platform secret cannot decrypt, and makes new ones', async () => {
    const other = await loadSigningKeys({ ...ctx(), cookieSecret: 'another-platform-secret-of-32-characters!!' }, () => {});
    expect(other.keys).toHaveLength(2);
  });
});

describe('relying applications', () => {
  it('keeps only a hash of the secret, and a rotated secret replaces the old one', async () => {
    const { secret } = await saveClient(ctx(), { client_id: 'app-1', redirect_uris: ['https://app.example.be/cb'] }, 'cli');
    const [stored] = (await listClients(ctx())).filter((c) => c.clientId === 'app-1');
    expect(stored!.secretHash).not.toContain(secret!);
    expect(clientSecretMatches(secret!, stored!.secretHash!)).toBe(true);
    const rotated = await rotateClientSecret(ctx(), 'app-1');
    const [after] = (await listClients(ctx())).filter((c) => c.clientId === 'app-1');
    expect(clientSecretMatches(secret!, after!.secretHash!)).toBe(false);
    expect(clientSecretMatches(rotated!, after!.secretHash!)).toBe(true);
  });

  it('applies the catalog file: its demo clients with demo data, leaving command-line clients alone', async () => {
    await applyCatalogFile(ctx(), 'catalog/clients.yaml', () => {});
    const ids = (await listClients(ctx())).map((c) => c.clientId);
    expect(ids).toEqual(expect.arrayContaining(['mon-espace', 'demo-machine', 'app-1']));
    await applyCatalogFile({ ...ctx(), config: loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'false' }) }, 'catalog/clients.yaml', () => {});
    expect((await listClients(ctx())).map((c) => c.clientId)).toEqual(['app-1']);
  });
});
