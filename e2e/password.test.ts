import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_KEYS, loadDemoKeys } from '../src/authn/password/demo';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';
import { type TestServer } from './support/server';

const [emma] = DEMO_KEYS;

/** What an authenticator app would show now, on the server's (test) clock. */
function appCode(server: TestServer, secret: string) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: server.ctx.clock.now().getTime() });
}

describe.skipIf(!browserAvailable())('password keys in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    await loadDemoKeys(server.ctx.db);
  });

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await suite.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    return { page, errors: pageErrors(page) };
  }

  it('identifies with username, password and a code from the app, for an application of substantial level', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${suite.server.baseUrl}/login?loa=substantial&return=/`);
    await navigate(page, () => page.getByRole('link', { name: 'Security code via mobile app' }).click());
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Username').fill(emma.username);
    await page.getByLabel('Password').fill('a wrong password');
    await navigate(page, () => page.getByRole('button', { name: 'Next' }).click());
    expect(await page.textContent('.error-summary')).toContain('The username or the password is not correct.');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Username').fill(emma.username);
    await page.getByLabel('Password').fill(emma.password);
    await navigate(page, () => page.getByRole('button', { name: 'Next' }).click());
    expect(new URL(page.url()).pathname).toBe('/login/password/code');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Security code').fill(appCode(suite.server, emma.totpSecret));
    await navigate(page, () => page.getByRole('button', { name: 'Identify' }).click());
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.textContent('.viewer__name')).toBe('Emma Wouters');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('activates an authenticator app from an identified session, with the QR code and the key in text', async () => {
    const { page, errors } = await newPage();
    const { person } = await identifyInBrowser(suite.server, page.context(), DEMO.persons.legalRepresentative, 'eid');
    await page.goto(`${suite.server.baseUrl}/keys/totp/activate`);
    expect(await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const secret = (await page.textContent('#totp-secret'))!.replace(/\s/g, '');
    await page.getByLabel('Security code').fill(appCode(suite.server, secret));
    await navigate(page, () => page.getByRole('button', { name: 'Activate' }).click());
    expect(new URL(page.url()).pathname).toBe('/keys');
    const keys = await suite.server.ctx.db.selectFrom('digital_keys').select('status').where('person_id', '=', person.id).where('kind', '=', 'totp').execute();
    expect(keys).toEqual([{ status: 'active' }]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
