import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveClient } from '../../oidc/clients';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { requestChange } from '../service';
import { EPW, rolesInTwoEnterprises, SECOND, ZEPHYR } from './test-fixture';

let t: TestApp;
let f: Awaited<ReturnType<typeof rolesInTwoEnterprises>>;
const SECRET = 'an-application-secret-of-at-least-32-characters';
const tokens: Record<string, string> = {};

async function clientCredentials(clientId: string, scope: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ access_token: string }>().access_token;
}

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await rolesInTwoEnterprises(t);
  // demo-authorization is listed by the catalog's Espace Personnel Wallon; other-app by none; no-scope lacks the scope.
  await saveClient(t.ctx, { client_id: 'demo-authorization', grant_types: ['client_credentials'], scope: 'authorization', secret: SECRET }, 'cli');
  await saveClient(t.ctx, { client_id: 'other-app', grant_types: ['client_credentials'], scope: 'authorization', secret: SECRET }, 'cli');
  await saveClient(t.ctx, { client_id: 'no-scope', grant_types: ['client_credentials'], scope: 'api', secret: SECRET }, 'cli');
  tokens.epw = await clientCredentials('demo-authorization', 'authorization');
  tokens.other = await clientCredentials('other-app', 'authorization');
  tokens.noScope = await clientCredentials('no-scope', 'api');
});
afterAll(() => t?.close());

function check(body: unknown, token: string | null = tokens.epw!) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return t.app.inject({ method: 'POST', url: '/api/authorization/check', headers, payload: typeof body === 'string' ? body : JSON.stringify(body) });
}
const ask = (person: string, permission: string, enterprise: string, extra: object = {}) => ({ person, application: EPW, permission, enterprise, ...extra });

describe('POST /api/authorization/check', () => {
  it('allows what the person’s role grants, by sub or by national register number', async () => {
    const bySub = await check(ask(f.naima.personId, 'sign', ZEPHYR));
    expect(bySub.statusCode).toBe(200);
    expect(bySub.json()).toMatchObject({ allow: true, code: 'granted', reason: 'granted by role editeur', role: { code: 'editeur', unit: null, validUntil: null } });
    const byNrn = await check(ask('01.06.15-172.52', 'manage_space', '0723.641.873'));
    expect(byNrn.json()).toMatchObject({ allow: true, reason: 'granted by role gestionnaire' });
  });

  it('denies, with the reason, a permission the person’s role in that enterprise lacks', async () => {
    const response = await check(ask(f.naima.personId, 'sign', SECOND));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ allow: false, code: 'permission_not_in_role', reason: 'permission sign not in role relecteur' });
  });

  it('denies a person without a role in the enterprise, and an unknown person', async () => {
    expect((await check(ask(f.lucas.personId, 'read', SECOND))).json()).toEqual({ allow: false, code: 'no_active_role', reason: 'no active role' });
    expect((await check(ask(DEMO.persons.citizen, 'read', ZEPHYR))).json()).toMatchObject({ allow: false, code: 'no_active_role' });
    expect((await check(ask('00000000-0000-4000-8000-000000000000', 'read', ZEPHYR))).json()).toMatchObject({ allow: false, code: 'no_active_role' });
    expect((await check(ask('not a number', 'read', ZEPHYR))).json()).toMatchObject({ allow: false, code: 'no_active_role' });
  });

  it('denies a permission the application does not have', async () => {
    expect((await check(ask(f.naima.personId, 'fly', ZEPHYR))).json()).toMatchObject({ allow: false, code: 'permission_unknown' });
  });

  it('stops allowing once the right is stopped', async () => {
    const lucasRight = await t.ctx.db.selectFrom('role_assignments').select('id').where('person_id', '=', f.lucas.personId).executeTakeFirstOrThrow();
    expect((await check(ask(f.lucas.personId, 'read', ZEPHYR))).json()).toMatchObject({ allow: true });
    await requestChange(t.ctx, f.pieter, lucasRight.id, { kind: 'stop' });
    expect((await check(ask(f.lucas.personId, 'read', ZEPHYR))).json()).toMatchObject({ allow: false, code: 'no_active_role' });
  });

  it('answers 401 without a token, or with one it did not issue', async () => {
    const none = await check(ask(f.naima.personId, 'read', ZEPHYR), null);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect((await check(ask(f.naima.personId, 'read', ZEPHYR), 'x'.repeat(43))).statusCode).toBe(401);
  });

  it('answers 403 to a token without the authorization scope', async () => {
    const response = await check(ask(f.naima.personId, 'read', ZEPHYR), tokens.noScope);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  it('answers 403 to a client asking about an application it does not stand for, or an unknown one', async () => {
    const foreign = await check(ask(f.naima.personId, 'read', ZEPHYR), tokens.other);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ error: 'forbidden', error_description: `client other-app does not stand for application ${EPW}` });
    const unknown = await check({ ...ask(f.naima.personId, 'read', ZEPHYR), application: 'no-such-application' });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toMatchObject({ error: 'forbidden', error_description: 'application unknown' });
  });

  it('answers 400 to a malformed question, never 500', async () => {
    for (const body of [{}, { ...ask(f.naima.personId, 'read', ZEPHYR), extra: 1 }, { ...ask(f.naima.personId, 'read', ZEPHYR), permission: '' }, 'not json', '[1, 2]']) {
      const response = await check(body);
      expect(response.statusCode).toBe(400);
    }
  });
});
