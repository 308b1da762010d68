import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { selfRequest, tasksFixture } from '../src/access/tasks/test-fixture';
import { deliverDueMessages, fakeSmsGateway, localMailboxTransport } from '../src/platform/outbox';
import type { TestApp } from '../src/platform/testing/app';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';

const P = DEMO.persons;

/*
 * Self-request and open tasks as seed 001 walks them: an encoder asks for
 * "Rédacteur de dossiers" in Ateliers Zéphyr, the principal access manager
 * finds it in his open tasks (counted on the home), selects it, reviews it
 * and approves it; both e-mails reach the mailbox, and the encoder sees the
 * right active with its history. Then a rejection, whose reason is
 * mandatory and reaches the requester in their own language. axe checks every page on the way.
 */
describe.skipIf(!browserAvailable())('self-request and open tasks in Chromium', () => {
  let f: Awaited<ReturnType<typeof tasksFixture>>;
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    f = await tasksFixture({ ctx: server.ctx } as unknown as TestApp);
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

  /** What the outbox worker does (it does not run in tests): delivers every due message to the local mailbox. */
  async function deliver() {
    const { db, clock, config } = suite.server.ctx;
    while ((await deliverDueMessages({ db, clock, mail: localMailboxTransport(db, config.mailFrom), sms: fakeSmsGateway(db) })).claimed > 0);
  }

  it('an encoder requests a role, the principal approves it in his open tasks, and the encoder has it active with its history', async () => {
    // The encoder asks for the role.
    const encoder = await identified(P.encoders[0]);
    await encoder.page.goto(`${suite.server.baseUrl}/access`);
    expect(await encoder.page.locator('h1').textContent()).toBe('Commencer à travailler avec Ma gestion des rôles eGov');
    await accessible(encoder.page);
    await navigate(encoder.page, () => encoder.page.getByRole('link', { name: 'demander soi-même une attribution de rôle' }).click());
    await accessible(encoder.page);
    await encoder.page.getByLabel('Ateliers Zéphyr (0723.641.873)').check();
    await navigate(encoder.page, () => encoder.page.getByRole('button', { name: 'Continuer' }).click());
    await encoder.page.getByLabel('Application').selectOption({ label: 'Espace Personnel Wallon' });
    await navigate(encoder.page, () => encoder.page.getByRole('button', { name: 'Continuer' }).click());
    expect(await encoder.page.locator('.permission-matrix').count()).toBe(1);
    await accessible(encoder.page);
    await encoder.page.getByRole('radio', { name: 'Rédacteur de dossiers' }).check();
    await encoder.page.getByLabel('Adresse e-mail de contact').fill('naima.benali@zephyr.be');
    await encoder.page.getByLabel('Motivation').fill('Je prépare les dossiers de subsides.');
    await navigate(encoder.page, () => encoder.page.getByRole('button', { name: 'Envoyer la demande' }).click());
    expect(await encoder.page.locator('[role=status]').first().textContent()).toContain('Votre demande a été envoyée.');
    expect(await encoder.page.locator('.summary-list').textContent()).toContain('Demandé(e)');
    await accessible(encoder.page);

    // The principal finds it in his open tasks and approves it.
    const principal = await identified(P.principalAccessManager);
    await principal.page.goto(`${suite.server.baseUrl}/access`);
    expect(await principal.page.locator('main').textContent()).toContain('Demandes en attente de votre décision : 1');
    await accessible(principal.page);
    await navigate(principal.page, () => principal.page.getByRole('link', { name: 'afficher l’aperçu des demandes' }).click());
    expect(await principal.page.locator('h2').first().textContent()).toBe('Aperçu des tâches en suspens (1)');
    expect(await principal.page.locator('tbody').textContent()).toContain('Attribuer : Rédacteur de dossiers');
    await accessible(principal.page);
    await principal.page.getByRole('checkbox', { name: /Naïma Benali/ }).check();
    await navigate(principal.page, () => principal.page.getByRole('button', { name: 'Visualiser et évaluer les demandes sélectionnées' }).click());
    expect(await principal.page.locator('h2').first().textContent()).toBe('Demande : Rédacteur de dossiers par Naïma Benali');
    const details = (await principal.page.locator('main').textContent()) ?? '';
    expect(details).toContain('naima.benali@zephyr.be');
    expect(details).toContain('Je prépare les dossiers de subsides.');
    expect(details).toContain('Créer, lire, modifier et supprimer les dossiers.');
    await accessible(principal.page);
    await navigate(principal.page, () => principal.page.getByRole('button', { name: 'Approuver' }).click());
    expect(await principal.page.locator('[role=status]').first().textContent()).toContain('Vous avez évalué toutes les demandes sélectionnées.');
    expect(await principal.page.locator('h2').first().textContent()).toBe('Aperçu des tâches en suspens (0)');
    await accessible(principal.page);
    // It is now among the decided requests, with the decision and who took it.
    await navigate(principal.page, () => principal.page.getByRole('link', { name: 'Demandes traitées' }).click());
    const decided = (await principal.page.locator('tbody').textContent()) ?? '';
    expect(decided).toContain('Naïma Benali');
    expect(decided).toContain('par Pieter Claes');
    await accessible(principal.page);

    // Both e-mails: the grant to the encoder, the confirmation to the principal.
    await deliver();
    await principal.page.goto(`${suite.server.baseUrl}/dev/mailbox`);
    const mailbox = (await principal.page.locator('main').textContent()) ?? '';
    expect(mailbox).toContain('Votre attribution de rôle Rédacteur de dossiers est octroyée');
    expect(mailbox).toContain('Confirmation : Rédacteur de dossiers pour Naïma');
    expect(mailbox).toContain('direction@zephyr.be');
    const mail = principal.page.locator('tr', { hasText: 'naima.benali@zephyr.be' }).filter({ hasText: 'octroyée' }).first();
    await navigate(principal.page, () => mail.getByRole('link').first().click());
    expect(await principal.page.locator('main').textContent()).toContain('Votre attribution de rôle Rédacteur de dossiers est octroyée');

    // The encoder has it, with the guide's history.
    await encoder.page.goto(`${suite.server.baseUrl}/access/mine`);
    const row = encoder.page.locator('tbody tr', { hasText: 'Rédacteur de dossiers' });
    expect(await row.textContent()).toContain('Actif(s)/active(s)');
    expect(await row.textContent()).toContain('Illimité');
    await accessible(encoder.page);
    await navigate(encoder.page, () => row.getByRole('link', { name: 'Détails : Rédacteur de dossiers' }).click());
    const history = (await encoder.page.locator('.history tbody').textContent()) ?? '';
    expect(history).toContain('Demandé(e)');
    expect(history).toContain('Attribution de rôle approuvée');
    expect(history).toContain('Attribution de rôle octroyée');
    expect(history).toContain('Automatique');
    expect(history).toContain('Pieter Claes');
    await accessible(encoder.page);
    expect(encoder.errors).toEqual([]);
    expect(principal.errors).toEqual([]);
    await encoder.close();
    await principal.close();
  }, 120_000);

  it('the principal rejects a request only with a reason, which the requester receives', async () => {
    await selfRequest({ ctx: suite.server.ctx } as unknown as TestApp, f.lucas, { roleCode: 'proprietaire', contactEmail: 'lucas.maes@zephyr.be' });
    const { page, errors, close } = await identified(P.principalAccessManager);
    await page.goto(`${suite.server.baseUrl}/access/tasks`);
    await page.getByRole('checkbox', { name: /Lucas Maes/ }).check();
    await navigate(page, () => page.getByRole('button', { name: 'Visualiser et évaluer les demandes sélectionnées' }).click());
    await navigate(page, () => page.getByRole('link', { name: 'Rejeter' }).click());
    await accessible(page);
    await navigate(page, () => page.getByRole('button', { name: 'Rejeter la demande' }).click());
    expect(await page.locator('[role=alert]').first().textContent()).toContain('Indiquez la raison du refus.');
    await accessible(page);
    await page.getByLabel('Raison du refus').fill('Ce rôle est réservé à la direction.');
    await navigate(page, () => page.getByRole('button', { name: 'Rejeter la demande' }).click());
    expect(await page.locator('[role=status]').first().textContent()).toContain('Vous avez évalué toutes les demandes sélectionnées.');
    await deliver();
    await page.goto(`${suite.server.baseUrl}/dev/mailbox`);
    // Lucas reads Dutch (the register's language): his e-mail is in Dutch.
    const mail = page.locator('tr', { hasText: 'lucas.maes@zephyr.be' }).filter({ hasText: 'is geweigerd' }).first();
    await navigate(page, () => mail.getByRole('link').first().click());
    expect(await page.locator('main').textContent()).toContain('Ce rôle est réservé à la direction.');
    expect(errors).toEqual([]);
    await close();
  }, 90_000);
});
