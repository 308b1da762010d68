import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';
import { identifyInBrowser } from './support/identify';

const MINUTE = 60_000;

/*
 * The server runs on a TestClock and the page on Playwright's fake clock;
 * the test moves both together, so twenty idle minutes pass in a moment.
 */
describe.skipIf(!browserAvailable())('the idle-timeout warning in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
  });

  async function identifiedPage(nrn: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const start = new Date();
    suite.server.ctx.clock.set(start);
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.clock.install({ time: start });
    await identifyInBrowser(suite.server, context, nrn);
    await page.goto(`${suite.server.baseUrl}/keys`);
    await page.waitForLoadState('networkidle');
    return { context, page, errors };
  }

  async function idle(page: Page, ms: number) {
    suite.server.ctx.clock.advance(ms);
    await page.clock.fastForward(ms);
  }

  const warning = (page: Page) => page.locator('#session-timeout-text').textContent();

  const status = (page: Page) => page.evaluate(() => fetch('/session/status').then((r) => r.json() as Promise<{ active: boolean; idleDeadline?: string }>));

  it('warns two minutes before the deadline, says how many minutes are left, and “Prolonger” keeps the session', async () => {
    const { context, page, errors } = await identifiedPage(DEMO.persons.encoders[0]!);
    const dialog = page.getByRole('alertdialog', { name: 'Votre session va bientôt expirer' });
    await idle(page, 17 * MINUTE);
    await page.waitForTimeout(300);
    expect(await dialog.isVisible()).toBe(false);

    await idle(page, 90_000);
    await dialog.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Prolonger');
    expect(await warning(page)).toBe('Par mesure de sécurité, vous êtes déconnecté(e) après une période d’inactivité. Votre session expire dans 2 minutes.');
    expect(await axeViolations(page)).toEqual([]);

    // Into the last minute: the count follows.
    await idle(page, 45_000);
    await expect.poll(() => warning(page)).toBe('Par mesure de sécurité, vous êtes déconnecté(e) après une période d’inactivité. Votre session expire dans moins d’une minute.');

    await page.getByRole('button', { name: 'Prolonger' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const extended = await status(page);
    expect(extended.active).toBe(true);
    expect(Date.parse(extended.idleDeadline!)).toBe(suite.server.ctx.clock.now().getTime() + 20 * MINUTE);

    // Eighteen and a half more minutes: the session lived past its first deadline thanks to the extension.
    await idle(page, 18.5 * MINUTE + 1000);
    await dialog.waitFor({ state: 'visible' });
    expect(await warning(page)).toContain('Votre session expire dans 2 minutes.');
    expect((await status(page)).active).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends the person to the login page when the deadline passes', async () => {
    const { context, page } = await identifiedPage(DEMO.persons.encoders[1]!);
    await idle(page, 19 * MINUTE);
    await page.getByRole('alertdialog').waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(/\/login\?return=%2Fkeys$/), idle(page, 2 * MINUTE)]);
    expect(await page.textContent('h1')).toBe('S’identifier');
    expect((await status(page)).active).toBe(false);
    await context.close();
  });

  it('measures the deadline by the suite.server’s clock, so a browser clock hours off raises no false alarm', async () => {
    suite.server.ctx.clock.set(new Date(Date.now() - 3 * 3_600_000));
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    await identifyInBrowser(suite.server, context, DEMO.persons.encoders[3]!);
    await page.goto(`${suite.server.baseUrl}/keys`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    expect(await page.getByRole('alertdialog').isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/keys');
    await context.close();
  });

  it('“Se déconnecter” ends the session through the logout form', async () => {
    const { context, page } = await identifiedPage(DEMO.persons.encoders[2]!);
    await idle(page, 18.5 * MINUTE);
    await page.getByRole('alertdialog').waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(/\/\?logged_out=1$/), page.getByRole('alertdialog').getByRole('button', { name: 'Se déconnecter' }).click()]);
    expect((await status(page)).active).toBe(false);
    await context.close();
  });
});
