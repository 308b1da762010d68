import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';

const P = DEMO.persons;
const CPAS = DEMO.enterprises.cpas;

/*
 * Social-security access management as the guide walks it: the chair of the
 * CPAS registers it with himself as principal access manager, adds the
 * capacity "Action sociale" and designates its local manager; she adds a
 * CPAS employee known by a BIS number to her capacity and finds her in the
 * list. axe checks every page on the way. The tests run in order.
 */
describe.skipIf(!browserAvailable())('social-security capacities and local managers in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
  });

  async function identified(nrn: string) {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, nrn);
    const page = await context.newPage();
    return { page, errors: pageErrors(page), close: () => context.close() };
  }

  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

  async function accessible(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  it('Marc Dujardin registers the CPAS, adds the capacity “Action sociale” and designates Isabelle Fontaine its local manager', async () => {
    const { page, errors, close } = await identified(P.cpasChair);
    await page.goto(`${suite.server.baseUrl}/organisations/register`);
    await accessible(page);
    await page.getByLabel('Numéro d’entreprise').fill('0212.685.564');
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
    await accessible(page);
    await page.getByLabel(/Moi-même/).check();
    await page.getByLabel('E-mail').fill('direction@cpas-val-fleuri.be');
    await page.getByLabel('Téléphone').fill('02 740 79 92');
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
    await accessible(page);
    await page.getByLabel('Oui, je confirme').check();
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(await text(page, '[role=status]')).toContain('Gestionnaire d’Accès Principal désigné !');
    await accessible(page);

    await page.goto(`${suite.server.baseUrl}/organisations/${CPAS}/units`);
    await accessible(page);
    await page.getByLabel('Qualité', { exact: true }).check();
    await page.getByLabel('Nom').fill('Action sociale');
    await page.getByLabel('Numéro').fill('212685564-01');
    await navigate(page, () => page.getByRole('button', { name: 'Ajouter l’unité' }).click());
    expect(await page.getByRole('row', { name: /Action sociale/ }).textContent()).toContain('Qualité');
    await accessible(page);

    await navigate(page, () => page.getByRole('link', { name: 'Gestionnaires d’accès', exact: true }).click());
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Désigner un gestionnaire d’accès' }).click());
    await accessible(page);
    await page.getByLabel('Gestionnaire local', { exact: true }).check();
    await page.getByLabel('Unité (qualité)').selectOption({ label: 'Action sociale (Qualité)' });
    await page.getByLabel('Numéro de registre national').fill('76.08.08-126.25');
    await page.getByLabel('E-mail').fill('isabelle.fontaine@cpas-val-fleuri.be');
    await navigate(page, () => page.getByRole('button', { name: 'Suivant' }).click());
    expect(await text(page, '.summary-list')).toContain('Isabelle');
    expect(await text(page, '.summary-list')).toContain('Gestionnaire local — Action sociale');
    await accessible(page);
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(await text(page, '[role=status]')).toContain('Le gestionnaire a été désigné');
    expect(await page.getByRole('row', { name: /Isabelle/ }).textContent()).toContain('Gestionnaire local — Action sociale');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('Isabelle Fontaine adds Ana Ferreira da Silva, by her BIS number, to her capacity and sees her in the list', async () => {
    const { page, errors, close } = await identified(P.localManager);
    await page.goto(`${suite.server.baseUrl}/organisations/${CPAS}/managers`);
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Personnes', exact: true }).click());
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Ajouter une personne' }).click());
    await accessible(page);
    await page.getByLabel('Numéro de registre national').fill(P.bisPerson);
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher au registre national' }).click());
    expect(await text(page, '.summary-list')).toContain('Ferreira');
    await accessible(page);
    const units = await page.getByLabel('Unité').locator('option').allTextContents();
    expect(units.filter((u) => u.trim() !== '' && !u.startsWith('—'))).toEqual(['Action sociale (Qualité)']);
    await page.getByLabel('Unité').selectOption({ label: 'Action sociale (Qualité)' });
    await page.getByLabel('Salarié permanent').check();
    await page.getByLabel('E-mail professionnel').fill('ana.ferreira@cpas-val-fleuri.be');
    await page.getByLabel('Motif').fill('Assistante sociale');
    await navigate(page, () => page.getByRole('button', { name: 'Ajouter la personne' }).click());
    expect(await text(page, '[role=status]')).toContain('La personne a été ajoutée');
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Personnes', exact: true }).click());
    expect(await page.locator('tbody').textContent()).toContain('Ferreira da Silva');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });
});
