import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveClient } from '../src/oidc/clients';
import { deliverDueMessages, fakeSmsGateway, localMailboxTransport } from '../src/platform/outbox';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';

const SECRET = 'an-ebox-client-secret-of-at-least-32-characters';
const EMAIL = 'lea.dubois@example.be';

async function accessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/*
 * The eBox as seed 003 describes it: the person activates it with an e-mail
 * address, an application deposits a document through the API, the notice
 * arrives in the local mailbox (/dev/mailbox), and its link leads to the
 * document, read after identification.
 */
describe.skipIf(!browserAvailable())('the eBox in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    await saveClient(server.ctx, { client_id: 'pensions', client_name: 'Service fédéral des Pensions', grant_types: ['client_credentials'], scope: 'ebox', secret: SECRET }, 'cli');
  });

  /** What the outbox worker does: delivers the due messages to the local mailbox. */
  async function deliver() {
    const { db, clock, config } = suite.server.ctx;
    await deliverDueMessages({ db, clock, mail: localMailboxTransport(db, config.mailFrom), sms: fakeSmsGateway(db) });
  }

  /** An application deposits a document, as the README's curl example does. */
  async function depositDocument(title: string, body: string) {
    const base = suite.server.baseUrl;
    const token = await fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`pensions:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'ebox' }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const response = await fetch(`${base}/api/ebox/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: DEMO.persons.citizen, title, body }),
    });
    expect(response.status).toBe(201);
    suite.server.ctx.clock.advance(60_000);
  }

  /** Opens the latest message of the mailbox with this subject and follows its link (the mailbox shows the platform's public URL: the path is kept). */
  async function followMailboxLink(page: Page, subject: string) {
    await deliver();
    await page.goto(`${suite.server.baseUrl}/dev/mailbox`);
    await navigate(page, () => page.getByRole('link', { name: subject }).first().click());
    const href = await page.locator('.mailbox-body a').first().getAttribute('href');
    const url = new URL(href!);
    await page.goto(`${suite.server.baseUrl}${url.pathname}${url.search}`);
  }

  it('activates the eBox, gets a notice for a new document, and reads it', async () => {
    await depositDocument('Attestation fiscale 2026', 'Déposée avant l’activation.');
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, DEMO.persons.citizen);
    const page = await context.newPage();
    const errors = pageErrors(page);

    await page.goto(`${suite.server.baseUrl}/`);
    await navigate(page, () => page.getByRole('link', { name: 'eBox', exact: true }).click());
    expect(await page.textContent('h1')).toBe('Mon eBox');
    expect(await page.textContent('main')).toContain('Votre eBox n’est pas active');
    // The document deposited before activation is kept, unread.
    expect(await page.locator('strong.ebox-unread').allTextContents()).toEqual(['Attestation fiscale 2026 (non lu)']);
    await accessible(page);

    await navigate(page, () => page.getByRole('link', { name: 'Activer mon eBox' }).click());
    await accessible(page);
    await page.getByLabel('Adresse e-mail').fill('pas une adresse');
    await navigate(page, () => page.getByRole('button', { name: 'Activer' }).click());
    expect(await page.textContent('.error-summary')).toBeTruthy();
    await accessible(page);
    await page.getByLabel('Adresse e-mail').fill(EMAIL);
    await navigate(page, () => page.getByRole('button', { name: 'Activer' }).click());
    expect(await page.textContent('.banner')).toContain(`Nous avons envoyé un lien de confirmation à ${EMAIL}.`);
    await accessible(page);

    await followMailboxLink(page, 'Confirmez l’adresse de votre eBox');
    expect(await page.textContent('h1')).toBe('Confirmez l’adresse de votre eBox');
    await accessible(page);
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(await page.textContent('.banner')).toContain('Votre eBox est active');
    await accessible(page);

    await depositDocument('Décision de pension', 'Votre pension est accordée.\n\nLe service des pensions.');
    await followMailboxLink(page, 'Un nouveau document dans votre eBox');
    expect(await page.textContent('h1')).toBe('Décision de pension');
    expect(await page.textContent('.ebox-document')).toContain('Votre pension est accordée.');
    expect(await page.textContent('main')).toContain('Service fédéral des Pensions');
    await accessible(page);

    await navigate(page, () => page.getByRole('link', { name: 'Retour à mon eBox' }).click());
    expect(await page.locator('strong.ebox-unread').allTextContents()).toEqual(['Attestation fiscale 2026 (non lu)']);
    expect(await page.textContent('main')).toContain('Documents non lus : 1');
    await accessible(page);
    // Only one notice: the document deposited before activation had none.
    const notices = await suite.server.ctx.db.selectFrom('dev_mailbox').select('subject').where('recipient', '=', EMAIL).orderBy('id').execute();
    expect(notices.map((n) => n.subject)).toEqual(['Confirmez l’adresse de votre eBox', 'Un nouveau document dans votre eBox']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
