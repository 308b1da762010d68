import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { DEMO_KEYS, loadDemoKeys } from '../src/authn/password/demo';
import { loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';

const [emma] = DEMO_KEYS;

describe.skipIf(!browserAvailable())('a step-up in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    await loadDemoKeys(server.ctx.db);
  });

  it('identifies with a password alone, then steps up with a security code to act on a substantial key', async () => {
    const context = await suite.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors = pageErrors(page);

    await page.goto(`${suite.server.baseUrl}/login?return=/keys`);
    await navigate(page, () => page.getByRole('link', { name: 'Username and password' }).click());
    await page.getByLabel('Username').fill(emma!.username);
    await page.getByLabel('Password').fill(emma!.password);
    await navigate(page, () => page.getByRole('button', { name: 'Identify' }).click());
    expect(new URL(page.url()).pathname).toBe('/keys');
    expect(await page.textContent('.viewer__name')).toBe('Emma Wouters');

    // A low session may not act on a substantial key: the page says so and offers a stronger identification.
    const stepUpLinks = page.getByRole('link', { name: 'Identify with a stronger key' });
    const beforeStepUp = await stepUpLinks.count();
    await navigate(page, () => page.getByRole('link', { name: 'Identify with a stronger key' }).first().click());
    expect(new URL(page.url()).searchParams.get('loa')).toBe('substantial');
    expect(await page.locator('#key-password').getAttribute('class')).toContain('key--unavailable');
    expect(await axeViolations(page)).toEqual([]);

    await navigate(page, () => page.getByRole('link', { name: 'Security code via mobile app' }).click());
    await page.getByLabel('Username').fill(emma!.username);
    await page.getByLabel('Password').fill(emma!.password);
    await navigate(page, () => page.getByRole('button', { name: 'Next' }).click());
    const code = new TOTP({ secret: Secret.fromBase32(emma!.totpSecret), digits: 6, period: 30 }).generate({ timestamp: suite.server.ctx.clock.now().getTime() });
    await page.getByLabel('Security code').fill(code);
    await navigate(page, () => page.getByRole('button', { name: 'Identify' }).click());
    expect(new URL(page.url()).pathname).toBe('/keys');
    // Only the password, which needs the high level, still asks for a stronger key.
    expect(beforeStepUp).toBeGreaterThan(1);
    expect(await stepUpLinks.count()).toBe(1);

    const identified = await suite.server.ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'authn.identified').orderBy('seq').execute();
    expect(identified.map((e) => e.details)).toEqual([
      { key: 'password', loa: 'low', replacedSession: false },
      { key: 'password_totp', loa: 'substantial', replacedSession: true },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
