import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { browserAvailable, navigate, pageErrors } from './support/browser';
import { browserSuite } from './support/suite';

/** Every journey runs twice: enhanced by our scripts, and with JavaScript off (server round-trips only). */
const MODES = [
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const;

describe.skipIf(!browserAvailable())('the component gallery in Chromium', () => {
  const suite = browserSuite();

  /** A fresh context in French, runs the journey, and checks the pages reported no error. */
  async function journey(js: boolean, path: string, walk: (page: Page) => Promise<void>) {
    const context = await suite.browser.newContext({ locale: 'fr-BE', javaScriptEnabled: js });
    // A step that cannot happen fails in seconds, naming the step, rather than at the test's timeout.
    context.setDefaultTimeout(5_000);
    try {
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(`${suite.server.baseUrl}${path}`);
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);
      await walk(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }

  /** Clicks a button that posts the form: with our script a two-list move stays in the page, without it the page reloads. */
  const press = (page: Page, name: string, js: boolean, moveInPage = false) => {
    const button = page.getByRole('button', { name, exact: true });
    return js && moveInPage ? button.click() : navigate(page, () => button.click());
  };
  const options = (page: Page, selector: string) => page.locator(`${selector} option:not([hidden])`).allTextContents();
  const currentStep = (page: Page) => page.textContent('[aria-current="step"]');

  it.each(MODES)('catches an accessibility violation planted in a page (%s), so a clean result means something', async (_, js) => {
    const context = await suite.browser.newContext({ javaScriptEnabled: js });
    try {
      const page = await context.newPage();
      await page.goto(`${suite.server.baseUrl}/dev/components`);
      await page.evaluate(() => document.querySelector('main')!.append(document.createElement('input')));
      expect((await axeViolations(page, { javaScript: js })).map((v) => v.id)).toContain('label');
    } finally {
      await context.close();
    }
  });

  it.each(MODES)('shows the error summary on bad input, then accepts good input (%s)', async (_, js) => {
    await journey(js, '/dev/components/form', async (page) => {
      await page.getByRole('textbox', { name: 'Numéro de registre national' }).fill('12.34');
      await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('chloe@');
      await press(page, 'Enregistrer', js);

      expect(await page.textContent('.error-summary h2')).toBe('Il y a un problème');
      expect(await page.locator('.error-summary li').allTextContents()).toEqual([
        'Un numéro de registre national compte 11 chiffres, par exemple 85.07.31-001.30.',
        'Indiquez une adresse e-mail de la forme nom@exemple.be.',
        'Choisissez comment nous pouvons vous contacter.',
      ]);
      expect(await page.inputValue('#field-nrn')).toBe('12.34');
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);
      if (js) {
        expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
        await page.getByRole('link', { name: 'Indiquez une adresse e-mail de la forme nom@exemple.be.' }).click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-email');
      }

      await page.getByRole('textbox', { name: 'Numéro de registre national' }).fill('85.07.31-001.30');
      await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('chloe@example.be');
      await page.getByLabel('Par SMS').check();
      await page.getByLabel('Mes clés numériques').check();
      await press(page, 'Enregistrer', js);
      expect(await page.textContent('.banner--success .banner__title')).toBe('Opération réussie !');
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);
    });
  });

  it.each(MODES)('searches, sorts and pages through the table (%s)', async (_, js) => {
    await journey(js, '/dev/components/table', async (page) => {
      expect(await page.textContent('.data-table__count')).toBe('35 résultats');
      expect(await page.locator('tbody tr').count()).toBe(10);

      await navigate(page, () => page.getByRole('link', { name: 'Date de début' }).click());
      expect(await page.getAttribute('th[aria-sort]', 'aria-sort')).toBe('ascending');
      expect(await page.textContent('th[aria-sort]')).toContain('Date de début');
      await navigate(page, () => page.getByRole('link', { name: 'Suivant' }).click());
      expect(await page.textContent('[aria-current="page"]')).toBe('2');
      expect(page.url()).toContain('sort=start');

      await page.getByLabel('Rechercher par nom, adresse e-mail ou rôle').fill('dimona');
      await navigate(page, () => page.keyboard.press('Enter'));
      expect(await page.textContent('.data-table__count')).toBe('3 résultats');
      expect(await page.getAttribute('th[aria-sort]', 'aria-sort')).toBe('ascending');
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);
    });
  });

  it.each(MODES)('moves values between the two lists and filters the possible ones (%s)', async (_, js) => {
    await journey(js, '/dev/components/two-list', async (page) => {
      // With our script, moves never reload the page: this mark would vanish if they did.
      if (js) await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

      await page.selectOption('#field-applications', ['plasma', 'biztax']);
      await press(page, 'Ajouter', js, true);
      expect(await options(page, '#field-applications-chosen')).toEqual(['Biztax', 'Plasma']);

      await page.getByLabel('Filtrer les valeurs possibles').fill('elec');
      if (js) expect(await page.isVisible('[data-two-list-filter-button]')).toBe(false);
      else await press(page, 'Filtrer', js);
      expect(await options(page, '#field-applications')).toEqual(['Élections sociales']);

      await press(page, 'Tout ajouter', js, true);
      expect(await options(page, '#field-applications-chosen')).toEqual(['Biztax', 'Plasma', 'Élections sociales']);
      await page.selectOption('#field-applications-chosen', ['biztax']);
      await press(page, 'Retirer', js, true);
      expect(await options(page, '#field-applications-chosen')).toEqual(['Plasma', 'Élections sociales']);
      expect(await page.locator('input[type="hidden"][name="applications"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(
        ['plasma', 'elections-sociales'],
      );
      if (js) expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);

      await press(page, 'Enregistrer', js);
      expect(await page.textContent('.banner--success')).toContain('Applications choisies : 2.');
    });
  });

  it.each(MODES)('walks the wizard to the end, going back and editing from the overview (%s)', async (_, js) => {
    await journey(js, '/dev/components/wizard', async (page) => {
      expect(await currentStep(page)).toBe('Étape 1 : Personne');
      await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Ducoeur');
      await page.getByLabel('Prénom').fill('Chloé');
      await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('cdc@example.be');
      // Enter in a field means Next, not Previous, even without our script.
      await navigate(page, () => page.getByRole('textbox', { name: 'Adresse e-mail' }).press('Enter'));

      expect(await currentStep(page)).toBe('Étape 2 : Rôles');
      await press(page, 'Étape suivante', js);
      expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Choisissez au moins un rôle.']);
      await page.selectOption('#field-roles', ['dimona', 'plasma']);
      await press(page, 'Ajouter', js, true);
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);
      await press(page, 'Étape suivante', js);

      expect(await currentStep(page)).toBe('Étape 3 : Validité');
      await page.getByLabel('Du', { exact: false }).fill('2026-08-04');
      await press(page, 'Étape précédente', js);
      expect(await currentStep(page)).toBe('Étape 2 : Rôles');
      expect(await options(page, '#field-roles-chosen')).toEqual(['Dimona', 'Plasma']);
      await press(page, 'Étape suivante', js);
      expect(await page.inputValue('#field-from')).toBe('2026-08-04');
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);
      await press(page, 'Étape suivante', js);

      expect(await currentStep(page)).toBe('Étape 4 : Aperçu');
      const overview = () => page.textContent('.wizard-overview');
      expect(await overview()).toContain('Ducoeur');
      expect(await overview()).toContain('À partir du 04/08/2026, sans date de fin');
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);

      await press(page, 'Modifier – Étape 1 : Personne', js);
      expect(await currentStep(page)).toBe('Étape 1 : Personne');
      expect(await page.inputValue('#field-lastName')).toBe('Ducoeur');
      await page.getByLabel('Prénom').fill('Naïma');
      await press(page, 'Étape suivante', js);
      expect(await options(page, '#field-roles-chosen')).toEqual(['Dimona', 'Plasma']);
      await press(page, 'Étape suivante', js);
      await press(page, 'Étape suivante', js);
      expect(await overview()).toContain('Naïma');

      await press(page, 'Terminer l’invitation', js);
      expect(await page.textContent('.banner--success .banner__title')).toBe('Opération réussie !');
      expect(await axeViolations(page, { javaScript: js })).toEqual([]);
    });
  });
});
