import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';

const HEADINGS = {
  fr: 'Bienvenue sur Sésame',
  nl: 'Welkom bij Sésame',
  de: 'Willkommen bei Sésame',
  en: 'Welcome to Sésame',
} as const;

describe.skipIf(!browserAvailable())('the home page in Chromium', () => {
  const suite = browserSuite();

  it('switches language with the switcher, fr → nl → de → en, with no accessibility violation in any', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${suite.server.baseUrl}/`);

    for (const lang of ['fr', 'nl', 'de', 'en'] as const) {
      if (lang !== 'fr') await navigate(page, () => page.getByRole('link', { name: lang.toUpperCase(), exact: true }).click());
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(HEADINGS[lang]);
      expect(await page.getAttribute(`.lang-switcher a[hreflang="${lang}"]`, 'aria-current')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('remembers the chosen language on the next visit, whatever the browser prefers', async () => {
    const context = await suite.browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(`${suite.server.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await navigate(page, () => page.getByRole('link', { name: 'DE', exact: true }).click());
    await page.goto(`${suite.server.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await context.close();
  });
});
