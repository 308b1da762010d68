import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { zephyr } from '../src/organisations/members/test-fixture';
import { deliverDueMessages, fakeSmsGateway, localMailboxTransport } from '../src/platform/outbox';
import type { TestApp } from '../src/platform/testing/app';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';

const P = DEMO.persons;
const LUCAS_EMAIL = 'lucas.maes@zephyr.be';

/*
 * Seed 001, "Sous-étape 1 : inviter l'encodeur" and "Sous-étape 2 :
 * accepter l'invitation": the principal access manager invites through the
 * six steps (editing one from the overview), gets the public link once; the
 * encoder opens it, identifies, accepts with a contact address, and the
 * request waits for approval; the invitation e-mail is in the mailbox; the
 * principal approves it in his open tasks and the encoder is told by e-mail.
 */
describe.skipIf(!browserAvailable())('invitations in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    await zephyr({ ctx: server.ctx } as unknown as TestApp);
  });

  async function accessible(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  const next = (page: Page) => navigate(page, () => page.getByRole('button', { name: 'Étape suivante' }).last().click());

  it('the principal invites an encoder in six steps, the encoder accepts, the principal approves, and the encoder is told', async () => {
    const managerContext = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, managerContext, P.principalAccessManager);
    const manager = await managerContext.newPage();
    const managerErrors = pageErrors(manager);

    await manager.goto(`${suite.server.baseUrl}/access/invitations`);
    await accessible(manager);
    await navigate(manager, () => manager.getByRole('link', { name: 'Envoyer une nouvelle invitation' }).click());
    // Step 1: the only enterprise Pieter manages is ticked already.
    expect(await manager.getByLabel('Ateliers Zéphyr (0723.641.873)').isChecked()).toBe(true);
    await accessible(manager);
    await next(manager);
    // Step 2: the two-list and "Quel rôle choisir ?" with the long description on focus.
    await manager.getByLabel('Filtrer les valeurs possibles').fill('wallon');
    await manager.selectOption(`#field-roles-${DEMO.enterprises.main}`, `${DEMO.enterprises.main}/espace-personnel-wallon/redacteur`);
    await manager.getByRole('button', { name: 'Ajouter' }).first().click();
    expect(await manager.locator(`#field-roles-${DEMO.enterprises.main}-chosen option`).allTextContents()).toEqual(['Espace Personnel Wallon – Rédacteur de dossiers']);
    await manager.locator('summary', { hasText: 'Espace Personnel Wallon' }).click();
    const name = manager.locator('#matrix-espace-personnel-wallon .role-label__name', { hasText: 'Rédacteur de dossiers' });
    await name.focus();
    expect(await manager.locator(`#${await name.getAttribute('aria-describedby')}`).isVisible()).toBe(true);
    await accessible(manager);
    await next(manager);
    // Step 3: from today, unlimited.
    await manager.getByLabel('Illimité').check();
    await accessible(manager);
    await next(manager);
    // Step 4: one person, added without leaving the step.
    await manager.getByLabel('Nom (nouvelle personne)', { exact: true }).fill('Maes');
    await manager.getByLabel('Prénom (nouvelle personne)').fill('Lucas');
    await manager.getByLabel('Adresse e-mail (nouvelle personne)').fill(LUCAS_EMAIL);
    await navigate(manager, () => manager.getByRole('button', { name: 'Ajouter' }).click());
    expect(await manager.getByLabel('Adresse e-mail (personne 1)', { exact: true }).inputValue()).toBe(LUCAS_EMAIL);
    await accessible(manager);
    await next(manager);
    // Step 5: a message; the expiry a year ahead is proposed.
    await manager.getByLabel('Message à l’attention des destinataires de l’invitation').fill('Pour encoder le formulaire.');
    await accessible(manager);
    await next(manager);
    // Step 6: the overview; "Modifier" step 5, then back to the overview.
    expect(await manager.locator('.wizard__title').textContent()).toBe('Étape 6 : Aperçu');
    expect(await manager.locator('.wizard-overview').textContent()).toContain(LUCAS_EMAIL);
    await accessible(manager);
    await navigate(manager, () => manager.getByRole('button', { name: /Modifier.*Étape 5/ }).click());
    await manager.getByLabel('Message à l’attention des destinataires de l’invitation').fill('Bienvenue, pour encoder le formulaire.');
    await next(manager);
    expect(await manager.locator('.wizard-overview').textContent()).toContain('Bienvenue, pour encoder le formulaire.');
    await navigate(manager, () => manager.getByRole('button', { name: 'Terminer l’invitation' }).click());
    expect(await manager.locator('.banner--success').textContent()).toContain('Opération réussie');
    const link = await manager.locator('#invitation-link').inputValue();
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    await accessible(manager);
    expect(managerErrors).toEqual([]);
    await managerContext.close();
    // The link names the configured public address; this server listens elsewhere.
    const opened = `${suite.server.baseUrl}${new URL(link).pathname}`;

    // The encoder opens the link: who invites, then "S'identifier" (identified here as eID would do it).
    const encoderContext = await suite.browser.newContext({ locale: 'fr-BE' });
    const encoder = await encoderContext.newPage();
    const encoderErrors = pageErrors(encoder);
    await encoder.goto(opened);
    expect(await encoder.locator('main').textContent()).toContain('Pieter Claes vous invite à accepter un rôle');
    expect(await encoder.getByRole('link', { name: 'S’identifier' }).getAttribute('href')).toContain('loa=high');
    await accessible(encoder);
    await identifyInBrowser(suite.server, encoderContext, P.encoders[1]);
    await encoder.goto(opened);
    expect(await encoder.locator('.invitation-message').textContent()).toBe('Bienvenue, pour encoder le formulaire.');
    await accessible(encoder);
    await encoder.getByLabel('Adresse e-mail').fill(LUCAS_EMAIL);
    await navigate(encoder, () => encoder.getByRole('button', { name: 'Accepter la demande d’attribution de rôle' }).click());
    expect(await encoder.locator('.banner--success').textContent()).toContain('L’invitation est acceptée.');
    expect(await encoder.locator('.summary-list').textContent()).toContain('Demandé');
    await accessible(encoder);
    expect(encoderErrors).toEqual([]);

    const { db, clock, config } = suite.server.ctx;
    const requests = await db
      .selectFrom('assignment_requests as r')
      .innerJoin('role_assignments as a', 'a.id', 'r.assignment_id')
      .innerJoin('persons as p', 'p.id', 'a.person_id')
      .select(['r.status', 'r.via', 'a.role_code', 'p.nrn', 'a.contact_email'])
      .where('r.invitation_id', 'is not', null)
      .execute();
    expect(requests).toEqual([{ status: 'pending', via: 'invitation', role_code: 'redacteur', nrn: P.encoders[1], contact_email: LUCAS_EMAIL }]);

    // The invited person's e-mail, delivered to the local mailbox.
    await deliverDueMessages({ db, clock, mail: localMailboxTransport(db, config.mailFrom), sms: fakeSmsGateway(db) });
    await encoder.goto(`${suite.server.baseUrl}/dev/mailbox`);
    const invitationRow = encoder.locator('tr', { hasText: LUCAS_EMAIL }).filter({ hasText: 'Vous êtes invité à accepter un rôle dans une application eGov' });
    expect(await invitationRow.count()).toBe(1);
    await navigate(encoder, () => invitationRow.getByRole('link').click());
    expect(await encoder.locator('main').textContent()).toContain(link);

    // The guide's chain goes on: the principal approves in his open tasks, and the encoder is told the role is granted.
    const approverContext = await suite.browser.newContext({ locale: 'fr-BE' });
    await identifyInBrowser(suite.server, approverContext, P.principalAccessManager);
    const approver = await approverContext.newPage();
    await approver.goto(`${suite.server.baseUrl}/access/tasks`);
    expect(await approver.locator('h2').first().textContent()).toBe('Aperçu des tâches en suspens (1)');
    await approver.getByRole('checkbox', { name: /Lucas Maes/ }).check();
    await navigate(approver, () => approver.getByRole('button', { name: 'Visualiser et évaluer les demandes sélectionnées' }).click());
    expect(await approver.locator('h2').first().textContent()).toBe('Demande : Rédacteur de dossiers par Lucas Maes');
    await navigate(approver, () => approver.getByRole('button', { name: 'Approuver' }).click());
    expect(await approver.locator('[role=status]').first().textContent()).toContain('Vous avez évalué toutes les demandes sélectionnées.');
    await accessible(approver);
    await deliverDueMessages({ db, clock, mail: localMailboxTransport(db, config.mailFrom), sms: fakeSmsGateway(db) });
    await encoder.goto(`${suite.server.baseUrl}/dev/mailbox`);
    // Lucas reads Dutch (the register's language for him): "Uw roltoekenning … is verleend".
    const grantedRow = encoder.locator('tr', { hasText: LUCAS_EMAIL }).filter({ hasText: /is verleend/ });
    expect(await grantedRow.count()).toBe(1);
    await encoder.goto(`${suite.server.baseUrl}/access/mine`);
    expect(await encoder.locator('main').textContent()).toContain('Rédacteur de dossiers');
    await encoderContext.close();
    await approverContext.close();
  });
});
