import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { saveClient } from './clients';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const formAction = async (url: string) => /form-action ([^;]+)/.exec(String((await t.app.inject({ method: 'GET', url })).headers['content-security-policy']))?.[1];

it('lets forms lead to the registered clients’ origins, and to no other', async () => {
  // The demo catalog registers Mon Espace on http://localhost:3001.
  expect(await formAction('/login')).toBe("'self' http://localhost:3001");
  await saveClient(t.ctx, { client_id: 'late', secret: 'a-secret-of-at-least-32-characters-long', redirect_uris: ['https://app.example/cb'], post_logout_redirect_uris: ['https://bye.example/'] }, 'cli');
  const widened = await formAction('/login');
  expect(widened).toContain('https://app.example');
  expect(widened).toContain('https://bye.example');
  expect(widened).not.toContain('evil');
});
