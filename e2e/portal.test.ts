import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolesInTwoEnterprises } from '../src/access/api/test-fixture';
import { catalogOf } from '../src/access/catalog/service';
import { decideRequest } from '../src/access/service';
import { startSesameWithItsmeDemo, type SesameWithItsmeDemo } from '../src/authn/itsme-demo/testing';
import type { TestApp } from '../src/platform/testing/app';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, launchBrowser, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';

const P = DEMO.persons;
const ZEPHYR = DEMO.enterprises.main;

async function accessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}
const appNames = (page: Page) => page.locator('.app-card__name').allTextContents();

/*
 * The application portal as seed 000 (Plasma) walks it: identification from
 * the portal, the person's applications with "Accéder à l'application",
 * "Afficher toutes les applications (N)" with the search, and a request for
 * access approved by a manager. axe checks every page on the way.
 */
describe.skipIf(!browserAvailable())('the application portal in Chromium', () => {
  let fixture: Awaited<ReturnType<typeof rolesInTwoEnterprises>>;
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    fixture = await rolesInTwoEnterprises({ ctx: server.ctx } as unknown as TestApp);
  });

  async function identified(nrn: string, key: 'eid' | 'itsme' = 'eid') {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, context, nrn, key);
    const page = await context.newPage();
    return { page, errors: pageErrors(page), close: () => context.close() };
  }

  it('shows Naïma, identified with eID, her applications with the link that opens each one', async () => {
    const { page, errors, close } = await identified(P.encoders[0]!);
    await page.goto(`${suite.server.baseUrl}/`);
    await navigate(page, () => page.getByRole('link', { name: 'Applications', exact: true }).click());
    expect(new URL(page.url()).pathname).toBe('/apps');
    expect(await page.textContent('h1')).toBe('Applications');
    expect(await appNames(page)).toEqual(['Espace Personnel Wallon', 'MyHandicap pour les citoyens']);
    const open = page.getByRole('link', { name: 'Accéder à l’application · Espace Personnel Wallon' });
    expect(await open.getAttribute('href')).toBe('http://localhost:3001/');
    expect(await page.locator('.app-card').first().locator('.app-card__category').textContent()).toContain('Transversal');
    // Naïma manages nothing: no managers' links.
    expect(await page.getByRole('link', { name: 'Gérer les demandes d’accès aux applications' }).count()).toBe(0);
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows all applications with their count, searches them, and pages through them', async () => {
    const count = (await catalogOf(suite.server.ctx)).applications.length;
    const { page, errors, close } = await identified(P.encoders[0]!, 'itsme');
    await page.goto(`${suite.server.baseUrl}/apps`);
    await page.getByLabel(`Afficher toutes les applications (${count})`).check();
    await navigate(page, () => page.locator('.portal-search').getByRole('button', { name: 'Rechercher' }).click());
    expect(await page.textContent('.portal-count')).toContain(`Toutes les applications : ${count}.`);
    expect(await appNames(page)).toHaveLength(10);
    await accessible(page);
    await navigate(page, () => page.getByRole('link', { name: 'Page 2' }).click());
    expect(await appNames(page)).toHaveLength(count - 10);

    await page.getByLabel('Rechercher une application').fill('aviq');
    await navigate(page, () => page.locator('.portal-search').getByRole('button', { name: 'Rechercher' }).click());
    expect(new URL(page.url()).searchParams.get('all')).toBe('1');
    expect(await appNames(page)).toEqual(['Mon AVIQ']);
    expect(await page.getByRole('link', { name: 'Demander l’accès · Mon AVIQ' }).count()).toBe(1);
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the managers’ links of role management to Pieter, principal access manager', async () => {
    const { page, errors, close } = await identified(P.principalAccessManager);
    await page.goto(`${suite.server.baseUrl}/apps`);
    const nav = page.getByRole('navigation', { name: 'Gestion des accès' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Demande d’accès à une application',
      'Gérer les demandes d’accès aux applications',
      'Gérer les droits d’accès aux applications',
    ]);
    expect(await nav.getByRole('link', { name: 'Gérer les demandes d’accès aux applications' }).getAttribute('href')).toBe('/access/tasks');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('Lucas requests access to Mon AVIQ; once Pieter approves, it is among his applications', async () => {
    const { page, errors, close } = await identified(P.encoders[1]!);
    await page.goto(`${suite.server.baseUrl}/apps?all=1&q=aviq`);
    await navigate(page, () => page.getByRole('link', { name: 'Demander l’accès · Mon AVIQ' }).click());
    expect(await page.textContent('h1')).toBe('Demander l’accès à Mon AVIQ');
    await accessible(page);

    await page.getByLabel('Numéro d’entreprise').fill('0723.641.873');
    await navigate(page, () => page.getByRole('button', { name: 'Continuer' }).click());
    await accessible(page);
    // Without a role: the error summary says what to fix.
    await page.getByLabel('Adresse e-mail de contact').fill('lucas@zephyr.be');
    await navigate(page, () => page.getByRole('button', { name: 'Envoyer la demande' }).click());
    expect(await page.textContent('.error-summary')).toContain('Choisissez un rôle.');
    await accessible(page);

    await page.getByLabel('Consultation du signalétique').check();
    await page.getByLabel('Adresse e-mail de contact').fill('lucas@zephyr.be');
    await navigate(page, () => page.getByRole('button', { name: 'Envoyer la demande' }).click());
    expect(await page.textContent('h1')).toBe('Demande envoyée');
    expect(await page.textContent('.banner')).toContain('attend la décision d’un gestionnaire d’accès');
    await accessible(page);

    await page.goto(`${suite.server.baseUrl}/apps?all=1&q=aviq`);
    expect(await page.textContent('.app-card__status')).toContain('Accès demandé');

    // The approval: role management's core, as /access/tasks calls it.
    const request = await suite.server.ctx.db
      .selectFrom('assignment_requests as r')
      .innerJoin('role_assignments as a', 'a.id', 'r.assignment_id')
      .select('r.id')
      .where('a.person_id', '=', fixture.lucas.personId)
      .where('a.application_id', '=', 'mon-aviq')
      .where('a.enterprise_number', '=', ZEPHYR)
      .where('r.status', '=', 'pending')
      .executeTakeFirstOrThrow();
    await decideRequest(suite.server.ctx, fixture.pieter, request.id, { decision: 'approve' });

    await page.goto(`${suite.server.baseUrl}/apps`);
    expect(await appNames(page)).toContain('Mon AVIQ');
    expect(await page.getByRole('link', { name: 'Accéder à l’application · Mon AVIQ' }).getAttribute('href')).toBe('https://plasma.aviq.example/mon-aviq');
    await accessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('reports a problem with an application', async () => {
    const { page, errors, close } = await identified(P.encoders[0]!);
    await page.goto(`${suite.server.baseUrl}/apps`);
    await navigate(page, () => page.getByRole('link', { name: 'Signaler un problème · Espace Personnel Wallon' }).click());
    await accessible(page);
    await page.getByLabel('Objet').fill('Signature impossible');
    await page.getByLabel('Description').fill('Le bouton ne répond pas.');
    await navigate(page, () => page.getByRole('button', { name: 'Envoyer le signalement' }).click());
    expect(await page.textContent('h1')).toBe('Signalement envoyé');
    await accessible(page);
    const sent = await suite.server.ctx.db.selectFrom('outbox_messages').select('template').where('recipient', '=', 'support@espace-wallon.example').execute();
    expect(sent).toEqual([{ template: 'portal.problem_report' }]);
    expect(errors).toEqual([]);
    await close();
  });
});

describe.skipIf(!browserAvailable())('identification with itsme from the portal, in Chromium', () => {
  let env: SesameWithItsmeDemo;
  let browser: Browser;
  beforeAll(async () => {
    [env, browser] = await Promise.all([startSesameWithItsmeDemo(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('goes from /apps to itsme and back to the applications, identified', async () => {
    const context = await browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${env.baseUrl}/apps`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await accessible(page);
    await navigate(page, () => page.locator('#key-itsme').getByRole('link', { name: 'itsme' }).click());
    await page.getByLabel('Numéro de téléphone mobile').fill('+32 470 12 34 01');
    await navigate(page, () => page.getByRole('button', { name: 'Envoyer' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(new URL(page.url()).pathname).toBe('/apps');
    expect(await page.textContent('h1')).toBe('Applications');
    expect(await page.textContent('.viewer__name')).toBeTruthy();
    expect(await appNames(page)).toEqual(['MyHandicap pour les citoyens']);
    await accessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
