import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { directFixture, TODAY } from '../src/access/direct/test-fixture';
import type { TestApp } from '../src/platform/testing/app';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';

const P = DEMO.persons;

/*
 * "Attribuer directement un nouveau rôle" (seed 001) with the Flemish
 * "recht toekennen" (seed 004): Pieter Claes, principal access manager of
 * Ateliers Zéphyr, grants Rédacteur de dossiers (Espace Personnel Wallon)
 * and the service-voucher right for one establishment to two persons at
 * once: Thomas Renard, found among the members, and Emma Wouters, added by
 * national register number. axe checks every step.
 */
describe.skipIf(!browserAvailable())('direct role assignment in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    await directFixture({ ctx: server.ctx } as unknown as TestApp);
  });

  async function accessible(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  const next = (page: Page) => navigate(page, () => page.getByRole('button', { name: 'Étape suivante' }).last().click());

  it('Pieter walks the five steps to two persons and an establishment-scoped right', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, P.principalAccessManager);
    const page = await context.newPage();
    const errors = pageErrors(page);

    await page.goto(`${suite.server.baseUrl}/access/assign`);
    await accessible(page);
    await page.getByLabel('Ateliers Zéphyr (0723.641.873)').check();
    await next(page);

    // Step 2: the two-list, filtered, with the permission matrix.
    expect(await page.locator('h2.wizard__title').textContent()).toBe('Étape 2 : Rôles');
    await accessible(page);
    expect(await page.locator('#matrix-espace-personnel-wallon').count()).toBe(1);
    await page.getByLabel('Filtrer').fill('rédacteur');
    await page.locator('#field-roles').selectOption({ label: 'Espace Personnel Wallon – Rédacteur de dossiers' });
    await page.locator('[data-move="add"]').click();
    await page.getByLabel('Filtrer').fill('titres');
    await page.locator('#field-roles').selectOption({ label: 'Titres-services pour entreprises agréées – Gestionnaire titres-services' });
    await page.locator('[data-move="add"]').click();
    await next(page);
    // The right is granted for an establishment: the page asks which one.
    expect(await page.locator('.error-summary').textContent()).toContain('Choisissez l’unité pour Gestionnaire titres-services.');
    await accessible(page);
    await page.getByLabel(/Unité d’établissement pour/).selectOption({ index: 2 });
    const establishment = (await page.getByLabel(/Unité d’établissement pour/).locator('option:checked').textContent()) ?? '';
    await next(page);

    // Step 3: one member found by the search, one person by national register number.
    expect(await page.locator('h2.wizard__title').textContent()).toBe('Étape 3 : Personnes');
    await accessible(page);
    await page.getByLabel('Nom', { exact: true }).fill('Renard');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher', exact: true }).click());
    await accessible(page);
    await page.getByLabel('Sélectionner Thomas Renard').check();
    await navigate(page, () => page.getByRole('button', { name: 'Ajouter les personnes sélectionnées' }).click());
    expect(await page.getByLabel('Adresse e-mail de contact de Thomas Renard').inputValue()).toBe('thomas@zephyr.be');
    await page.getByLabel('Numéro de registre national').fill('04.03.12-364.89');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher dans le registre' }).click());
    await accessible(page);
    expect(await page.locator('.summary-list').textContent()).toContain('12/03/2004');
    await navigate(page, () => page.getByRole('button', { name: 'Ajouter Emma Wouters' }).click());
    await page.getByLabel('Adresse e-mail de contact de Emma Wouters').fill('emma@example.be');
    await next(page);

    // Step 4: the right to service vouchers always has an end date.
    expect(await page.locator('h2.wizard__title').textContent()).toBe('Étape 4 : Propriétés');
    await accessible(page);
    expect(await page.getByLabel('Du').inputValue()).toBe(TODAY);
    await page.getByLabel('Jusqu’au').fill('2027-11-23');
    await next(page);

    // Step 5: the overview, with "Modifier" per step.
    expect(await page.locator('h2.wizard__title').textContent()).toBe('Étape 5 : Aperçu');
    await accessible(page);
    expect(await page.getByRole('button', { name: /^Modifier/ }).count()).toBe(4);
    const overview = (await page.locator('.wizard-overview').textContent()) ?? '';
    expect(overview).toContain('Renard');
    expect(overview).toContain('emma@example.be');
    expect(overview).toContain(establishment);
    await navigate(page, () => page.getByRole('button', { name: 'Terminer l’attribution directe de rôle' }).click());

    expect(await page.locator('[role=status]').first().textContent()).toContain('Opération réussie');
    await accessible(page);
    const rows = page.locator('#done-caption').locator('xpath=..').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await page.locator('tbody').textContent()).toContain(establishment);
    const granted = await suite.server.ctx.db.selectFrom('role_assignments').select(['status', 'unit_id']).execute();
    expect(granted.map((g) => g.status)).toEqual(['active', 'active', 'active', 'active']);
    const mails = await suite.server.ctx.db.selectFrom('outbox_messages').select('recipient').where('template', '=', 'access.granted').execute();
    expect(mails.map((m) => m.recipient).sort()).toEqual(['emma@example.be', 'emma@example.be', 'thomas@zephyr.be', 'thomas@zephyr.be']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
