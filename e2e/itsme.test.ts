import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesameWithItsmeDemo, type SesameWithItsmeDemo } from '../src/authn/itsme-demo/testing';
import { axeViolations } from './support/axe';
import { browserAvailable, launchBrowser, navigate, pageErrors } from './support/browser';

describe.skipIf(!browserAvailable())('identification with itsme in Chromium, through the demo itsme provider', () => {
  let env: SesameWithItsmeDemo;
  let browser: Browser;
  beforeAll(async () => {
    [env, browser] = await Promise.all([startSesameWithItsmeDemo(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('walks /login → itsme → phone number → Confirmer in the app → back on Sésame, identified and audited', async () => {
    const context = await browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${env.baseUrl}/login`);

    await navigate(page, () => page.locator('#key-itsme').getByRole('link', { name: 'itsme' }).click());
    expect(page.url().startsWith(`${env.demoUrl}/interaction/`)).toBe(true);
    expect(await page.textContent('#demo-banner')).toContain('Démo — ceci n’est pas itsme');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Numéro de téléphone mobile').fill('+32 470 12 34 01');
    await navigate(page, () => page.getByRole('button', { name: 'Envoyer' }).click());
    expect(await page.textContent('#demo-banner')).toContain('Démo — ceci n’est pas itsme');
    expect(await page.textContent('main')).toContain('Sésame vous demande de vous identifier.');
    expect(await axeViolations(page)).toEqual([]);

    await navigate(page, () => page.getByRole('button', { name: 'Confirmer' }).click());
    expect(page.url()).toBe(`${env.baseUrl}/`);

    const status = await page.evaluate(async () => (await fetch('/session/status')).json());
    expect(status).toMatchObject({ active: true });
    const events = await env.ctx.db.selectFrom('audit_events').select(['actor', 'details']).where('action', '=', 'authn.identified').execute();
    expect(events).toEqual([expect.objectContaining({ actor: 'person:68042208433', details: expect.objectContaining({ key: 'itsme', loa: 'high' }) })]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refusing in the app brings the person back to a clear page, not identified', async () => {
    const context = await browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/login`);
    await navigate(page, () => page.locator('#key-itsme').getByRole('link', { name: 'itsme' }).click());
    expect(await page.textContent('#demo-banner')).toContain('Demo — dit is niet itsme');
    await page.getByLabel('Gsm-nummer').fill('0470 12 34 03');
    await navigate(page, () => page.getByRole('button', { name: 'Verzenden' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Weigeren' }).click());
    expect(page.url().startsWith(`${env.baseUrl}/login/itsme/callback`)).toBe(true);
    expect(await page.textContent('h1')).toBe('Aanmelden met itsme niet gelukt');
    expect(await page.textContent('[role=alert]')).toContain('U hebt het verzoek in de itsme-app geweigerd.');
    expect(await axeViolations(page)).toEqual([]);
    const status = await page.evaluate(async () => (await fetch('/session/status')).json());
    expect(status).toEqual({ active: false });
    await context.close();
  });
});
