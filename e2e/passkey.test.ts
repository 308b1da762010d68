import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { createTestApp } from '../src/platform/testing/app';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';
import type { TestServer } from './support/server';

/** A free port, so the server's public address (the WebAuthn origin) is known before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Like startServer, with PUBLIC_URL set to the address the browser uses: WebAuthn checks the origin. */
async function startPasskeyServer(): Promise<TestServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const test = await createTestApp({ PUBLIC_URL: baseUrl, RATE_LIMIT_PER_MINUTE: '10000' });
  await test.app.listen({ host: '127.0.0.1', port });
  return { baseUrl, ctx: test.ctx, close: () => test.close() };
}

describe.skipIf(!browserAvailable())('passkeys in Chromium with a virtual authenticator', () => {
  const suite = browserSuite(() => startPasskeyServer(), async (server) => {
    await loadDemoRegisters(server.ctx.db);
  });

  it('registers a passkey from an identified session, then identifies with it after logging out', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    const { person } = await identifyInBrowser(suite.server, context, DEMO.persons.encoders[0]!, 'eid');

    await page.goto(`${suite.server.baseUrl}/keys`);
    expect(await axeViolations(page)).toEqual([]);
    await navigate(page, () => page.locator('#kind-passkey').getByRole('link', { name: /Activer/ }).click());
    expect(await page.textContent('h1')).toBe('Activer une clé d’accès');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Nom de cette clé d’accès').fill('Ordinateur de test');
    await navigate(page, () => page.getByRole('button', { name: 'Créer la clé d’accès' }).click());
    expect(new URL(page.url()).search).toBe('?done=activated&kind=passkey');
    expect(await page.textContent('.banner--success')).toContain('Opération réussie !');
    expect(await page.textContent('#kind-passkey')).toContain('Ordinateur de test');
    const [stored] = await suite.server.ctx.db.selectFrom('passkey_credentials').selectAll().execute();
    expect(stored).toBeDefined();

    await navigate(page, () => page.getByRole('button', { name: 'Se déconnecter' }).click());
    expect(new URL(page.url()).search).toBe('?logged_out=1');

    await page.goto(`${suite.server.baseUrl}/login?return=%2Fkeys`);
    await navigate(page, () => page.locator('#key-passkey').getByRole('link').click());
    expect(await page.textContent('h1')).toBe('S’identifier avec une clé d’accès');
    expect(await axeViolations(page)).toEqual([]);
    await navigate(page, () => page.getByRole('button', { name: 'M’identifier avec ma clé d’accès' }).click());
    expect(new URL(page.url()).pathname).toBe('/keys');
    expect(await page.textContent('.viewer__name')).toBe(`${person.givenName} ${person.familyName}`);
    expect(await page.textContent('#kind-passkey')).toMatch(/Utilisée pour la dernière fois le/);

    const after = await suite.server.ctx.db.selectFrom('passkey_credentials').select('counter').where('key_id', '=', stored!.key_id).executeTakeFirstOrThrow();
    expect(Number(after.counter)).toBeGreaterThan(Number(stored!.counter));
    const sessions = await suite.server.ctx.db.selectFrom('sso_sessions').select(['key', 'loa']).where('person_id', '=', person.id).where('ended_at', 'is', null).execute();
    expect(sessions).toEqual([{ key: 'passkey', loa: 'substantial' }]);
    const attempts = await suite.server.ctx.db.selectFrom('audit_events').select(['action', 'target', 'details']).where('action', 'like', 'authn.attempt.%').execute();
    expect(attempts.filter((a) => (a.details as { factor?: string }).factor === 'passkey')).toEqual([
      { action: 'authn.attempt.succeeded', target: `person:${person.nrn}`, details: { factor: 'passkey', address: '127.0.0.1' } },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so, on the page, when the person cancels or the browser has no passkey', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    // An authenticator with no passkey for this site: the browser's request fails, as when the person cancels.
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await page.goto(`${suite.server.baseUrl}/login/passkey`);
    await page.getByRole('button', { name: 'M’identifier avec ma clé d’accès' }).click();
    await page.getByRole('alert').filter({ hasText: 'annulée ou a expiré' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/login/passkey');
    await context.close();
  });
});
