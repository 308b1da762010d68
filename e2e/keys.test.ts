import { describe, expect, it } from 'vitest';
import { addKey } from '../src/authn/digital-keys/service';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';

describe.skipIf(!browserAvailable())('“Mes clés numériques” and “Mon profil” in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
  });

  it('deactivates a key after confirmation, each page without an accessibility violation', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    const { session } = await identifyInBrowser(suite.server, context, DEMO.persons.principalAccessManager, 'password_sms');
    await suite.server.ctx.db.transaction().execute((trx) => addKey(trx, suite.server.ctx, session, 'sms', null));
    await page.goto(`${suite.server.baseUrl}/keys`);
    expect(await axeViolations(page)).toEqual([]);
    // A substantial session may not activate a password (it needs the eID): the reason and a way to step up.
    expect(await page.textContent('#kind-password')).toContain('« élevé »');
    await navigate(page, () => page.locator('#kind-sms').getByRole('link', { name: /Désactiver/ }).click());
    expect(await axeViolations(page)).toEqual([]);
    await navigate(page, () => page.getByRole('button', { name: 'Désactiver' }).click());
    expect(await page.textContent('.banner--success')).toContain('La clé « code de sécurité via SMS » est désactivée.');
    expect(await page.textContent('#kind-sms')).toContain('Non activée');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits the profile: a bad address is shown with its message, a good one is saved and the language follows', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await identifyInBrowser(suite.server, context, DEMO.persons.accessManagers[0]!, 'eid');
    await page.goto(`${suite.server.baseUrl}/keys`);
    await navigate(page, () => page.getByRole('navigation', { name: 'Mes clés numériques' }).getByRole('link', { name: 'Mon profil' }).click());
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Adresse e-mail').fill('sophie.lambert@');
    await navigate(page, () => page.getByRole('button', { name: 'Enregistrer' }).click());
    expect(await page.textContent('.error-summary')).toContain('Indiquez une adresse e-mail de la forme nom@exemple.be.');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Adresse e-mail').fill('sophie.lambert@example.be');
    await page.getByLabel('Nederlands').check();
    await navigate(page, () => page.getByRole('button', { name: 'Enregistrer' }).click());
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.textContent('.banner--success')).toContain('Uw profiel is opgeslagen.');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
