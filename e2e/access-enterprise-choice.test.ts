import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { rolesInTwoEnterprises } from '../src/access/api/test-fixture';
import { buildMonEspace } from '../src/mon-espace/app';
import { relyingParty } from '../src/mon-espace/oidc';
import { MON_ESPACE } from '../src/mon-espace/server';
import { openStore } from '../src/mon-espace/store';
import { saveClient } from '../src/oidc/clients';
import { freePort } from '../src/oidc/testing/relying-party';
import { createTestApp } from '../src/platform/testing/app';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';
import type { TestServer } from './support/server';

/** The platform and Mon Espace; Naïma Benali holds roles of Espace Personnel Wallon in Ateliers Zéphyr and in a second enterprise. */
async function startBoth(): Promise<TestServer & { monEspaceUrl: string }> {
  const [port, rpPort] = [await freePort(), await freePort()];
  const baseUrl = `http://localhost:${port}`;
  const monEspaceUrl = `http://localhost:${rpPort}`;
  const test = await createTestApp({ PUBLIC_URL: baseUrl, RATE_LIMIT_PER_MINUTE: '10000' });
  test.ctx.clock.set(new Date());
  await loadDemoRegisters(test.ctx.db);
  await rolesInTwoEnterprises(test);
  await test.app.listen({ host: '127.0.0.1', port });
  await saveClient(test.ctx, { client_id: MON_ESPACE.clientId, secret: MON_ESPACE.clientSecret, redirect_uris: [`${monEspaceUrl}/callback`], post_logout_redirect_uris: [`${monEspaceUrl}/`], scope: MON_ESPACE.scope }, 'cli');
  const db = await openStore({ memory: true });
  const rp = relyingParty({ issuer: baseUrl, clientId: MON_ESPACE.clientId, clientSecret: MON_ESPACE.clientSecret, publicUrl: monEspaceUrl, scope: MON_ESPACE.scope });
  const monEspace: FastifyInstance = await buildMonEspace({ rp, db, cookieSecret: 'a-test-cookie-secret-for-mon-espace', secure: false });
  await monEspace.listen({ host: '127.0.0.1', port: rpPort });
  return {
    baseUrl,
    monEspaceUrl,
    ctx: test.ctx,
    async close() {
      await monEspace.close();
      await db.destroy();
      await test.close();
    },
  };
}

describe.skipIf(!browserAvailable())('"Se connecter au nom d’une organisation", in Chromium', () => {
  const suite = browserSuite(startBoth);

  it('a person with roles in two enterprises chooses one at login, and the application acts for it', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, DEMO.persons.encoders[0], 'eid');
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(suite.server.monEspaceUrl);
    await navigate(page, () => page.getByRole('link', { name: 'S’identifier avec Sésame' }).click());

    // The platform asks for which enterprise she acts, listing only those where she has a role, with her roles.
    expect(new URL(page.url()).pathname).toMatch(/^\/interaction\/[\w-]+\/enterprise$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Se connecter au nom d’une organisation');
    expect(await page.getByRole('radio').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    // Continuing without a choice is refused, with the error summary.
    await navigate(page, () => page.getByRole('button', { name: 'Continuer' }).click());
    expect(await page.textContent('main')).toContain('Choisissez l’entreprise pour laquelle vous agissez');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(/0551\.207\.943/).check();
    await navigate(page, () => page.getByRole('button', { name: 'Continuer' }).click());
    expect(page.url()).toBe(`${suite.server.monEspaceUrl}/`);
    // Mon Espace reads the enterprise from the token: the second one, where she is only a reviewer.
    expect(await page.textContent('.identity')).toContain('0551.207.943');
    expect(await page.getByRole('button', { name: 'Créer le dossier' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
