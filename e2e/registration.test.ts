import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';

const P = DEMO.persons;

/*
 * "Désigner un Gestionnaire d'Accès Principal" as the guide walks it, then
 * the principal designating an access manager for a domain. axe checks
 * every page on the way.
 */
describe.skipIf(!browserAvailable())('registering an enterprise and its managers in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
  });

  async function identified(nrn: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, nrn);
    const page = await context.newPage();
    return { page, errors: pageErrors(page), close: () => context.close() };
  }

  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

  async function accessible(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  async function enterNumber(page: Page, number: string) {
    await page.goto(`${suite.server.baseUrl}/organisations/register`);
    await accessible(page);
    await page.getByLabel('Numéro d’entreprise').fill(number);
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
  }

  it('refuses an invalid number and a person who does not represent the enterprise', async () => {
    const { page, errors, close } = await identified(P.auditor);
    await enterNumber(page, '0723.641.874');
    expect(await text(page, '[role=alert]')).toContain('chiffres de contrôle');
    await accessible(page);
    await page.getByLabel('Numéro d’entreprise').fill('0723.641.873');
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
    expect(await text(page, '[role=alert]')).toContain('ne vous reconnaît pas de fonction légale actuelle');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('a legal representative designates himself as principal access manager', async () => {
    const { page, errors, close } = await identified(P.cpasChair);
    await enterNumber(page, '0212 685 564');
    expect(await text(page, '.summary-list')).toContain('0212.685.564');
    await accessible(page);
    await page.getByLabel(/Moi-même/).check();
    await page.getByLabel('E-mail').fill('direction@cpas-val-fleuri.be');
    await page.getByLabel('Téléphone').fill('02 740 79 92');
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
    expect(await text(page, 'h2')).toContain('Confirmation');
    await accessible(page);
    await page.getByLabel('Oui, je confirme').check();
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(await text(page, '[role=status]')).toContain('Gestionnaire d’Accès Principal désigné !');
    expect(await text(page, '[role=status]')).toContain('Vous vous êtes vous-même désigné(e)');
    await accessible(page);
    // The guide's next step: the employees' roles, one click away.
    await navigate(page, () => page.getByRole('link', { name: 'Attribuer leurs rôles à vos collaborateurs' }).click());
    expect(new URL(page.url()).pathname).toBe('/access');
    expect(await text(page, 'h1')).toContain('Ma gestion des rôles eGov');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('a legal representative designates another person, whose name the register gives before she continues', async () => {
    const { page, errors, close } = await identified(P.legalRepresentative);
    await enterNumber(page, DEMO.enterprises.main);
    await page.getByRole('radio', { name: 'Autre personne' }).check();
    await page.getByLabel('Numéro de registre national de l’autre personne').fill('85.02.11-137.71');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher le nom' }).click());
    expect(await page.getByText('Registre national : Pieter Claes').isVisible()).toBe(true);
    await accessible(page);
    await page.getByLabel('E-mail').fill('direction@zephyr.be');
    await page.getByLabel('Téléphone').fill('+32 2 740 79 92');
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
    expect(await text(page, '.wizard-overview')).toContain('Pieter Claes');
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(await text(page, '[role=alert]')).toContain('Oui, je confirme');
    await accessible(page);
    await page.getByLabel('Oui, je confirme').check();
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(await text(page, '[role=status]')).toContain('Vous avez désigné Pieter Claes');
    expect(errors).toEqual([]);
    await close();
  });

  it('the principal designates an access manager for the finances domain', async () => {
    const { page, errors, close } = await identified(P.principalAccessManager);
    await page.goto(`${suite.server.baseUrl}/organisations/${DEMO.enterprises.main}/managers`);
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Désigner un gestionnaire d’accès' }).click());
    await accessible(page);
    await page.getByLabel('Gestionnaire d’Accès', { exact: true }).check();
    await page.getByLabel('Domaine').selectOption('finances');
    await page.getByLabel('Numéro de registre national').fill('90.09.03-246.65');
    await page.getByLabel('E-mail').fill('sophie.lambert@zephyr.be');
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
    expect(await text(page, '.summary-list')).toContain('Sophie Lambert');
    await accessible(page);
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(await text(page, '[role=status]')).toContain('Le gestionnaire a été désigné');
    expect(await page.getByRole('row', { name: /Sophie Lambert/ }).textContent()).toContain('Gestionnaire d’Accès — Finances');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });
});
