import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { assignmentsFixture, ZEPHYR } from '../src/access/assignments/test-fixture';
import type { TestApp } from '../src/platform/testing/app';
import { deliverDueMessages, fakeSmsGateway, localMailboxTransport } from '../src/platform/outbox';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';

const P = DEMO.persons;

/*
 * "Gérer les attributions de rôles" as the guide walks it: the overview of
 * the enterprise, the details of one assignment, "Arrêter" with its
 * confirmation, the history that says "Suspension demandée / Suspension
 * approuvée", and the e-mail to the person; then the detailed view searched
 * and paged. axe checks every page on the way.
 */
describe.skipIf(!browserAvailable())('managing role assignments in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    const t = { ctx: server.ctx } as unknown as TestApp;
    const f = await assignmentsFixture(t);
    // Twelve expired rights of Naïma's, so the detailed view has two pages.
    for (let i = 0; i < 12; i++) {
      await server.ctx.db
        .insertInto('role_assignments')
        .values({ person_id: f.persons.naima.personId, enterprise_number: ZEPHYR, unit_id: null, application_id: 'mon-aviq', role_code: 'consultation', status: 'expired', valid_from: '2020-01-01', valid_until: '2020-12-31', contact_email: null, membership_id: null, created_at: new Date(Date.UTC(2020, 0, i + 1)), updated_at: new Date() })
        .execute();
    }
  });

  async function identified(nrn: string) {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, nrn);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { page, errors: pageErrors(page), close: () => context.close() };
  }

  async function accessible(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  it('the principal stops a right after confirming, sees it in the history, and the person gets an e-mail', async () => {
    const { page, errors, close } = await identified(P.principalAccessManager);
    await page.goto(`${suite.server.baseUrl}/access/manage`);
    expect(page.url()).toContain(`/access/enterprises/${ZEPHYR}/assignments`);
    expect(await page.locator('h1').textContent()).toBe('Gérer les attributions de rôles - Aperçu');
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Aperçu simplifié' }).click());
    expect(await page.locator('table').textContent()).toContain('Déclarant Dimona');
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Aperçu détaillé' }).click());
    await page.getByLabel('Chercher dans l’entreprise (personne ou rôle)').fill('Rédacteur');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
    expect(await page.locator('tbody tr').count()).toBe(1);
    await navigate(page, () => page.getByRole('link', { name: 'Détails de l’attribution de rôle de Naïma Benali' }).click());
    expect(await page.locator('h1').textContent()).toBe('Gestion des attributions de rôles - Détail');
    expect(await page.locator('.summary-list').textContent()).toContain('Illimité');
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Arrêter' }).click());
    expect(await page.locator('form p').first().textContent()).toContain('Êtes-vous sûr');
    await accessible(page);
    await navigate(page, () => page.getByRole('button', { name: 'Oui, arrêter' }).click());
    expect(await page.locator('[role=status]').first().textContent()).toContain('Une demande a été envoyée afin de suspendre cette attribution de rôle.');
    expect(await page.locator('.summary-list').textContent()).toContain('Suspendu(e)');
    const history = await page.locator('.history tbody').textContent();
    expect(history).toContain('Suspension demandée');
    expect(history).toContain('Suspension approuvée');
    expect(history).toContain('Pieter Claes');
    expect(await page.getByRole('link', { name: 'Recommencer' }).count()).toBe(1);
    await accessible(page);
    // The outbox worker does not run in tests: one pass delivers to the local mailbox.
    const { db, clock, config } = suite.server.ctx;
    while ((await deliverDueMessages({ db, clock, mail: localMailboxTransport(db, config.mailFrom), sms: fakeSmsGateway(db) })).claimed > 0);
    await page.goto(`${suite.server.baseUrl}/dev/mailbox`);
    const mail = page.locator('tr', { hasText: 'naima@zephyr.be' }).first();
    await navigate(page, () => mail.getByRole('link').first().click());
    expect(await page.locator('main').textContent()).toContain('est suspendue');
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('the detailed view searches by person and pages by ten', async () => {
    const { page, errors, close } = await identified(P.principalAccessManager);
    await page.goto(`${suite.server.baseUrl}/access/enterprises/${ZEPHYR}/assignments`);
    expect(await page.locator('[role=status]').first().textContent()).toContain('16 résultats');
    expect(await page.locator('tbody tr').count()).toBe(10);
    await navigate(page, () => page.getByRole('link', { name: 'Suivant' }).click());
    expect(await page.locator('tbody tr').count()).toBe(6);
    await accessible(page);
    await page.getByLabel('Chercher dans l’entreprise (personne ou rôle)').fill('naima benali');
    await navigate(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
    expect(await page.locator('[role=status]').first().textContent()).toContain('13 résultats');
    await page.getByLabel('Statut').selectOption('expired');
    await navigate(page, () => page.getByRole('button', { name: 'Filtrer' }).click());
    expect(await page.locator('[role=status]').first().textContent()).toContain('12 résultats');
    await navigate(page, () => page.getByRole('link', { name: /Date de début/ }).click());
    expect(await page.locator('tbody tr').first().textContent()).toContain('01/01/2020');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });
});
