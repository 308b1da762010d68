import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMinimalApp } from '../docs/examples/minimal-app';
import { loadDemoAccess } from '../src/access/demo';
import { SESSION_COOKIE } from '../src/authn/http-session';
import { saveClient } from '../src/oidc/clients';
import { CookieBrowser, freePort } from '../src/oidc/testing/relying-party';
import { createTestApp, type TestApp } from '../src/platform/testing/app';
import { openTestSession } from '../src/platform/testing/session';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';

// The integration guide's example (docs/relying-parties.md), run as written against the platform.
let t: TestApp;
let app: Awaited<ReturnType<typeof startMinimalApp>>;

beforeAll(async () => {
  const [port, appPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${port}`;
  t = await createTestApp({ PUBLIC_URL: issuer, RATE_LIMIT_PER_MINUTE: '10000' });
  t.ctx.clock.set(new Date());
  await loadDemoRegisters(t.ctx.db);
  await loadDemoAccess(t.ctx);
  await t.app.listen({ host: '127.0.0.1', port });
  // What an operator does for a new application: `sesame clients add` (here through the same function).
  const secret = 'the-guide-example-secret-of-32-characters';
  await saveClient(t.ctx, { client_id: 'mon-espace', secret, redirect_uris: [`http://127.0.0.1:${appPort}/callback`], scope: 'openid profile roles' }, 'cli');
  app = await startMinimalApp({ issuer, clientId: 'mon-espace', clientSecret: secret, port: appPort });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

it('the guide’s minimal application signs a person in and receives their identity, level and roles', async () => {
  const { token } = await openTestSession(t.ctx, DEMO.persons.encoders[1], 'itsme');
  const browser = new CookieBrowser();
  browser.cookies.set(SESSION_COOKIE, token);
  const { url } = await browser.follow(`${app.url}/login`, `${app.url}/callback`);
  const response = await browser.fetch(url);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { name: string; acr: string; roles: { role: string; enterprise: string; permissions: string[] }[] };
  expect(body.name).toBe('Lucas Maes');
  expect(body.acr).toBe('urn:sesame:loa:high');
  expect(body.roles).toEqual([expect.objectContaining({ role: 'editeur', enterprise: DEMO.enterprises.main, permissions: expect.arrayContaining(['sign', 'submit']) })]);
});
