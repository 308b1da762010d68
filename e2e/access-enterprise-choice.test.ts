import { describe, expect, it } from 'vitest';
import { rolesInTwoEnterprises } from '../src/access/api/test-fixture';
import { DEMO } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { startWithMonEspace } from './support/mon-espace';
import { browserSuite } from './support/suite';

describe.skipIf(!browserAvailable())('"Se connecter au nom d’une organisation", in Chromium', () => {
  // Naïma Benali holds roles of Espace Personnel Wallon in Ateliers Zéphyr and in a second enterprise.
  const suite = browserSuite(() => startWithMonEspace(rolesInTwoEnterprises));

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
