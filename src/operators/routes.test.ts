import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ OPERATORS: '85.02.11-137.71' });
  await loadDemoRegisters(t.ctx.db);
});
afterAll(() => t.close());

it('an operator sees every OpenID client and SAML service provider with their addresses', async () => {
  const browser = new TestBrowser(t.app);
  await signIn(t, browser, DEMO.persons.principalAccessManager, 'eid');
  const page = await browser.get('/operators/clients');
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<code>mon-espace</code>');
  expect(page.body).toContain('http://localhost:3001/callback');
  expect(page.body).toContain('Fournisseurs de services SAML');
  expect(page.body).not.toContain('secret');
});

it('anyone else is refused, and a session below the high level is sent to identify', async () => {
  const other = new TestBrowser(t.app);
  await signIn(t, other, DEMO.persons.citizen, 'eid');
  expect((await other.get('/operators/clients')).statusCode).toBe(403);
  const low = new TestBrowser(t.app);
  await signIn(t, low, DEMO.persons.principalAccessManager, 'password');
  const response = await low.get('/operators/clients');
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toContain('/login');
});

it('refuses a malformed OPERATORS setting at start', async () => {
  const { loadConfig } = await import('../config');
  expect(() => loadConfig({ NODE_ENV: 'test', OPERATORS: '123' })).toThrow(/OPERATORS/);
});
