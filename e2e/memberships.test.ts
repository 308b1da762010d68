import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { zephyr } from '../src/organisations/members/test-fixture';
import type { TestApp } from '../src/platform/testing/app';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';

const P = DEMO.persons;
const ZEPHYR = DEMO.enterprises.main;

/*
 * Units and memberships as the guides walk them: the enterprise chooser of a
 * manager of several enterprises, adding a person by national register
 * number with the working relationship, the persons list with its filters
 * and the CSV export. axe checks every page on the way.
 */
describe.skipIf(!browserAvailable())('units and memberships in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    await zephyr({ ctx: server.ctx } as unknown as TestApp);
  });

  async function identified(nrn: string) {
    const context = await suite.browser.newContext({ locale: 'fr-BE', acceptDownloads: true });
    await identifyInBrowser(suite.server, context, nrn);
    const page = await context.newPage();
    return { page, errors: pageErrors(page), close: () => context.close() };
  }

  async function accessible(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  it('Hélène chooses among her 14 enterprises on two pages, and switches', async () => {
    const { page, errors, close } = await identified(P.legalRepresentative);
    await page.goto(`${suite.server.baseUrl}/organisations`);
    await accessible(page);
    expect(await page.locator('[role=status]').first().textContent()).toContain('14 résultats');
    await navigate(page, () => page.getByRole('link', { name: 'Suivant' }).click());
    await accessible(page);
    expect(await page.locator('tbody tr').count()).toBe(4);
    await page.getByLabel('Rechercher par nom ou numéro d’entreprise').fill('Zéphyr');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
    await navigate(page, () => page.getByRole('link', { name: 'Ateliers Zéphyr' }).click());
    await accessible(page);
    expect(await page.locator('h1').textContent()).toContain('Ateliers Zéphyr');
    await navigate(page, () => page.getByRole('link', { name: 'Changer d’entreprise' }).click());
    expect(await page.locator('h1').textContent()).toBe('Entreprises');
    expect(errors).toEqual([]);
    await close();
  });

  it('the principal adds a person by national register number with a working relationship', async () => {
    const { page, errors, close } = await identified(P.principalAccessManager);
    await page.goto(`${suite.server.baseUrl}/organisations/${ZEPHYR}/persons`);
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Ajouter une personne' }).click());
    await accessible(page);
    await page.getByLabel('Numéro de registre national').fill('01.06.15-172.53');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher au registre national' }).click());
    expect(await page.locator('[role=alert]').textContent()).toContain('contrôle');
    await accessible(page);
    await page.getByLabel('Numéro de registre national').fill('01.06.15-172.52');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher au registre national' }).click());
    expect(await page.locator('.summary-list').textContent()).toContain('Benali');
    expect(await page.locator('.summary-list').textContent()).toContain('15/06/2001');
    await accessible(page);
    await page.getByLabel('Unité').selectOption({ index: 1 });
    await page.getByLabel('Intérimaire').check();
    await page.getByLabel('E-mail professionnel').fill('naima.benali@zephyr.be');
    await page.getByLabel('Téléphone professionnel').fill('0470 12 34 56');
    await page.getByLabel('Date de fin').fill('2027-06-30');
    await page.getByLabel('Motif').fill('Encodage des formulaires');
    await navigate(page, () => page.getByRole('button', { name: 'Ajouter la personne' }).click());
    expect(await page.locator('[role=status]').first().textContent()).toContain('La personne a été ajoutée');
    expect(await page.locator('h1').textContent()).toBe('Naïma Benali');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('the principal filters the persons list and downloads it as CSV', async () => {
    const { page, errors, close } = await identified(P.principalAccessManager);
    await page.goto(`${suite.server.baseUrl}/organisations/${ZEPHYR}/persons`);
    await page.getByLabel('Type').selectOption('manager');
    await navigate(page, () => page.getByRole('button', { name: 'Filtrer' }).click());
    await accessible(page);
    const managers = (await page.locator('tbody').textContent()) ?? '';
    expect(managers).toContain('Lambert');
    expect(managers).not.toContain('Benali');
    await page.getByLabel('Type').selectOption('user');
    await navigate(page, () => page.getByRole('button', { name: 'Filtrer' }).click());
    expect(await page.locator('tbody').textContent()).toContain('Benali');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter la liste (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`persons-${ZEPHYR}.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"Benali"');
    expect(csv).not.toContain('"Lambert"');
    expect(errors).toEqual([]);
    await close();
  });
});
