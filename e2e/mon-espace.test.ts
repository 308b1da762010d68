import { describe, expect, it } from 'vitest';
import { loadDemoAccess } from '../src/access/demo';
import { DEMO } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { startWithMonEspace } from './support/mon-espace';
import { browserSuite } from './support/suite';

describe.skipIf(!browserAvailable())('Mon Espace, the demo relying application, in Chromium', () => {
  const suite = browserSuite(() => startWithMonEspace((test) => loadDemoAccess(test.ctx)));

  async function open(nrn: string) {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, nrn, 'eid');
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(suite.server.monEspaceUrl);
    // Single sign-on: the platform session answers, no second identification.
    await navigate(page, () => page.getByRole('link', { name: 'S’identifier avec Sésame' }).click());
    expect(page.url()).toBe(`${suite.server.monEspaceUrl}/`);
    return { context, page, errors };
  }

  it('an Éditeur creates, signs and submits a dossier, for the enterprise and at the level shown', async () => {
    const { context, page, errors } = await open(DEMO.persons.encoders[1]);
    expect(await page.textContent('.identity')).toContain('0723.641.873');
    expect(await page.textContent('.identity')).toContain('élevé');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Titre').fill('Déclaration annuelle');
    await navigate(page, () => page.getByRole('button', { name: 'Créer le dossier' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Signer' }).click());
    expect(await page.textContent('main')).toContain('signé par Lucas');
    await navigate(page, () => page.getByRole('button', { name: 'Soumettre' }).click());
    expect(await page.getByRole('status').textContent()).toContain('Le dossier est soumis');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a Rédacteur creates and modifies, is offered neither signing nor submitting, and logs out everywhere', async () => {
    const { context, page, errors } = await open(DEMO.persons.encoders[0]);
    await page.getByLabel('Titre').fill('Subside 2027');
    await navigate(page, () => page.getByRole('button', { name: 'Créer le dossier' }).click());
    await page.getByLabel('Contenu').fill('Complété');
    await navigate(page, () => page.getByRole('button', { name: 'Enregistrer' }).click());
    expect(await page.getByRole('button', { name: 'Signer' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Soumettre' }).count()).toBe(0);
    expect(await page.textContent('main')).toContain('Votre rôle ne permet pas de soumettre');
    expect(await axeViolations(page)).toEqual([]);

    await navigate(page, () => page.getByRole('button', { name: 'Se déconnecter' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Oui, me déconnecter' }).click());
    expect(page.url()).toBe(`${suite.server.monEspaceUrl}/`);
    expect(await page.textContent('main')).toContain('S’identifier avec Sésame');
    // The Sésame session ended too: the platform asks to identify again.
    await page.goto(`${suite.server.baseUrl}/keys`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(errors).toEqual([]);
    await context.close();
  });
});
