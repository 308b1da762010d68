import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmActivation, sendActivationCode } from '../src/authn/codes/channels';
import { DEMO_KEYS, loadDemoKeys } from '../src/authn/password/demo';
import { deliverDueMessages, fakeSmsGateway, localMailboxTransport } from '../src/platform/outbox';
import { openTestSession } from '../src/platform/testing/session';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';
import { startServer } from './support/server';

const [emma] = DEMO_KEYS;
const PHONE = '+32470123456';
const EMAIL = 'emma.wouters@example.be';

describe.skipIf(!browserAvailable())('security codes by SMS, e-mail and token card in Chromium', () => {
  /** What the outbox worker does: delivers the due messages to the local mailbox (SMS through the development fake). */
  async function deliver() {
    const { db, clock, config } = suite.server.ctx;
    await deliverDueMessages({ db, clock, mail: localMailboxTransport(db, config.mailFrom), sms: fakeSmsGateway(db) });
  }

  /** The 6-digit code of the latest message delivered to a recipient, as a person reads it in the mailbox. */
  async function codeInMailbox(recipient: string): Promise<string> {
    await deliver();
    const message = await suite.server.ctx.db.selectFrom('dev_mailbox').select('body_text').where('recipient', '=', recipient).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return /\b(\d{6})\b/.exec(message.body_text)![1]!;
  }

  const suite = browserSuite(() => startServer({ TOKEN_CARDS_ENABLED: 'true' }), async (server) => {
    await loadDemoRegisters(server.ctx.db);
    await loadDemoKeys(server.ctx.db);
    // Emma activates codes by SMS and by e-mail, as "Mes clés numériques" would do it, from a high-level session.
    const { ctx } = server;
    await ctx.db.updateTable('persons').set({ email: EMAIL }).where('nrn', '=', DEMO.persons.citizen).execute();
    const { session } = await openTestSession(ctx, DEMO.persons.citizen, 'eid');
    for (const [channel, destination] of [['sms', PHONE], ['email', EMAIL]] as const) {
    expect(await sendActivationCode(ctx, session, channel, destination)).toEqual({ sent: true });
    await confirmActivation(ctx, session, channel, destination, await codeInMailbox(destination));
    }
  });

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await suite.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    return { page, errors: pageErrors(page) };
  }

  /** From the login page of a substantial application: the key, then username and password. */
  async function typePassword(page: Page, key: string) {
    await page.goto(`${suite.server.baseUrl}/login?loa=substantial&return=/`);
    await navigate(page, () => page.getByRole('link', { name: key }).click());
    await page.getByLabel('Username').fill(emma.username);
    await page.getByLabel('Password').fill(emma.password);
    await navigate(page, () => page.getByRole('button', { name: 'Next' }).click());
    expect(new URL(page.url()).pathname).toBe('/login/password/code');
  }

  async function identifiedAs(page: Page, key: string) {
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.textContent('.viewer__name')).toBe('Emma Wouters');
    const session = await suite.server.ctx.db.selectFrom('sso_sessions').select(['loa', 'key']).where('ended_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
    expect(session).toEqual({ loa: 'substantial', key });
  }

  it.each([
    ['SMS', 'Security code via SMS', PHONE, 'password_sms', '+32 4•• •• •• 56'],
    ['e-mail', 'Security code via e-mail', EMAIL, 'password_email', 'e•••@example.be'],
  ])('identifies with username, password and the code sent by %s, read in the local mailbox', async (_name, key, recipient, keyId, masked) => {
    // At most one login code a minute per person: each walk starts later.
    suite.server.ctx.clock.advance(61_000);
    const { page, errors } = await newPage();
    await typePassword(page, key);
    expect(await page.textContent('main')).toContain(masked);
    expect(await axeViolations(page)).toEqual([]);

    const code = await codeInMailbox(recipient);
    await page.getByLabel('Security code').fill(code === '000000' ? '111111' : '000000');
    await navigate(page, () => page.getByRole('button', { name: 'Identify' }).click());
    expect(await page.textContent('.error-summary')).toBeTruthy();

    await page.getByLabel('Security code').fill(code);
    await navigate(page, () => page.getByRole('button', { name: 'Identify' }).click());
    await identifiedAs(page, keyId);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('issues a token card from an identified session, then identifies with the code at the position asked', async () => {
    const { page, errors } = await newPage();
    await identifyInBrowser(suite.server, page.context(), DEMO.persons.citizen, 'eid');
    await page.goto(`${suite.server.baseUrl}/keys/token_card/activate`);
    await navigate(page, () => page.getByRole('button', { name: 'Issue a token card' }).click());
    expect(await axeViolations(page)).toEqual([]);
    // The printed grid: position → code, read as the person would copy it.
    const rows = await page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!, tr.querySelector('td')!.textContent!]));
    const grid = new Map(rows.map(([position, code]) => [Number(position), code!.trim()]));
    expect(grid.size).toBe(24);
    await page.context().close();

    const login = await newPage();
    await typePassword(login.page, 'Security code via token');
    const label = await login.page.locator('label.field__label').filter({ hasText: /Code number \d+/ }).textContent();
    const position = Number(/Code number (\d+)/.exec(label!)![1]);
    expect(await login.page.textContent('main')).toContain(`Type the code at position ${position} of your token card`);
    await login.page.getByLabel(`Code number ${position}`, { exact: false }).fill(grid.get(position)!);
    await navigate(login.page, () => login.page.getByRole('button', { name: 'Identify' }).click());
    await identifiedAs(login.page, 'password_token');
    expect([...errors, ...login.errors]).toEqual([]);
    await login.page.context().close();
  });
});
