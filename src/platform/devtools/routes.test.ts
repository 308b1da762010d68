import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../testing/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ DEV_TOOLS: 'true' });
});
afterAll(() => t.close());

/** The value of a hidden field of the page, as a browser would post it back. */
function hidden(html: string, name: string): string {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].find((m) => m[1] === name)?.[2] ?? '';
}
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('the developer pages', () => {
  it('list the component gallery and, without SMTP, the local mailbox', async () => {
    const page = await new TestBrowser(t.app, { 'accept-language': 'en' }).get('/dev');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/dev/components">Component gallery</a>');
    expect(page.body).toContain('<a href="/dev/mailbox">Local mailbox</a>');
  });

  it('do not offer the local mailbox when e-mail goes over SMTP', async () => {
    const smtp = await createTestApp({ DEV_TOOLS: 'true', SMTP_URL: 'smtp://localhost:2525' });
    try {
      expect((await smtp.app.inject({ url: '/dev' })).body).not.toContain('/dev/mailbox');
    } finally {
      await smtp.close();
    }
  });

  it('do not exist when DEV_TOOLS=false', async () => {
    const production = await createTestApp({ DEV_TOOLS: 'false' });
    try {
      for (const url of ['/dev', '/dev/components', '/dev/components/form', '/dev/components/wizard']) {
        expect((await production.app.inject({ url })).statusCode).toBe(404);
      }
    } finally {
      await production.close();
    }
  });
});

describe('the gallery form', () => {
  it.each([
    ['nl', 'Er is een probleem', 'Een rijksregisternummer telt 11 cijfers', 'Vul een e-mailadres in'],
    ['en', 'There is a problem', 'A national register number has 11 digits', 'Enter an e-mail address'],
  ])('answers bad input in %s with the error summary and the typed values, and accepts nothing', async (lang, title, nrn, email) => {
    const browser = new TestBrowser(t.app, { 'accept-language': lang });
    await browser.get('/dev/components/form');
    const response = await browser.post('/dev/components/form', { nrn: '12.34', email: 'chloe@', contact: 'sms' });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain(`<h2 id="error-summary-title" class="error-summary__title">${title}</h2>`);
    expect(response.body).toContain(`<a href="#field-nrn">${nrn}`);
    expect(response.body).toContain(`<a href="#field-email">${email}`);
    expect(response.body).toContain('name="nrn" required aria-describedby="field-nrn-hint field-nrn-error" aria-invalid="true" class="input input--medium" type="text" value="12.34"');
    expect(response.body).toContain('value="sms" checked');
    expect(response.body).not.toContain('banner--success');
  });

  it('refuses a well-formed national register number whose check digits are wrong', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    await browser.get('/dev/components/form');
    const response = await browser.post('/dev/components/form', { nrn: '85.07.31-001.31', contact: 'sms' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#field-nrn">Ce numéro de registre national n’est pas valide : ses chiffres de contrôle ne correspondent pas.</a>');
  });

  it('names a missing required field in the summary', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    await browser.get('/dev/components/form');
    const response = await browser.post('/dev/components/form', {});
    expect(response.body).toContain('<a href="#field-nrn">Indiquez le numéro de registre national.</a>');
    expect(response.body).toContain('<a href="#field-contact">Choisissez comment nous pouvons vous contacter.</a>');
  });

  it('accepts good input and says so', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    await browser.get('/dev/components/form');
    const response = await browser.post('/dev/components/form', { nrn: '85.07.31-001.30', email: 'Chloe@Example.be', contact: 'email', topics: ['keys', 'apps'], start: '2026-08-04' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/dev/components/form?done=1');
    expect((await browser.get('/dev/components/form?done=1')).body).toContain('Opération réussie !');
  });

  it('refuses a post without the CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/dev/components/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'nrn=85073100130&contact=sms',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the gallery table', () => {
  const get = (query: string) => new TestBrowser(t.app, { 'accept-language': 'fr' }).get(`/dev/components/table${query}`);

  it('shows ten of the thirty-five rows, sorted by last name', async () => {
    const page = await get('');
    expect(page.body).toContain('35 résultats');
    expect(main(page.body).match(/<th scope="row">/g)).toHaveLength(10);
    expect(page.body).toContain('<th scope="row">Aerts</th>');
    expect(page.body).toContain('aria-sort="ascending"');
  });

  it.each(['?page=abc', '?page=-1', '?page=0', '?page=1.5', '?page[]=2'])('shows the first page for %s', async (query) => {
    const page = await get(query);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('aria-current="page" aria-label="Page 1"');
  });

  it('shows the last page for a page number past the end, however large', async () => {
    for (const query of ['?page=99', '?page=999999999999999', '?page=99999999999999999999999999999']) {
      const page = await get(query);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('aria-current="page" aria-label="Page 4"');
    }
  });

  it('searches, and its links keep the search and the sort', async () => {
    const page = await get('?q=example.be&sort=start&dir=desc&page=2');
    expect(page.body).toContain('aria-sort="descending"');
    expect(page.body).toContain('href="/dev/components/table?q=example.be&amp;sort=start&amp;dir=desc&amp;page=3#employees"');
    const found = await get('?q=ducoeur');
    expect(found.body).toContain('1 résultat');
    expect(found.body).toContain('naima.ducoeur@example.be');
    expect((await get('?q=nobody')).body).toContain('Rien ne correspond à « nobody ».');
  });
});

describe('the gallery wizard', () => {
  it('goes forward and back keeping the data, edits from the overview, and finishes with a success banner', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    let page = await browser.get('/dev/components/wizard');
    expect(page.body).toContain('aria-current="step">Étape 1 : Personne</li>');
    const step = (action: string, fields: Record<string, string | string[]> = {}) =>
      browser.post('/dev/components/wizard', { _wizard: hidden(page.body, '_wizard'), _step: hidden(page.body, '_step'), _action: action, ...fields });

    page = await step('next', { lastName: '', email: 'nope' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('<a href="#field-lastName">Indiquez le nom.</a>');
    expect(page.body).toContain('aria-current="step">Étape 1 : Personne</li>');

    page = await step('next', { lastName: 'Ducoeur', firstName: 'Chloé', email: 'cdc@example.be' });
    expect(page.body).toContain('aria-current="step">Étape 2 : Rôles</li>');

    page = await step('next');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choisissez au moins un rôle.');

    // The two-list inside a step: a move re-shows the step, nothing else changes.
    page = await step('', { _move: 'roles:add', roles__available: ['plasma', 'dimona'] });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<input type="hidden" name="roles" value="dimona"/><input type="hidden" name="roles" value="plasma"/>');

    page = await step('next', { roles: ['dimona', 'plasma'] });
    expect(page.body).toContain('aria-current="step">Étape 3 : Validité</li>');

    page = await step('previous', { from: '2026-08-04' });
    expect(page.body).toContain('aria-current="step">Étape 2 : Rôles</li>');
    expect(page.body).toContain('<input type="hidden" name="roles" value="dimona"/>');

    page = await step('previous', { roles: ['dimona', 'plasma'] });
    expect(page.body).toContain('value="Ducoeur"');
    expect(page.body).toContain('value="cdc@example.be"');

    page = await step('next', { lastName: 'Ducoeur', firstName: 'Chloé', email: 'cdc@example.be' });
    page = await step('next', { roles: ['dimona', 'plasma'] });
    expect(page.body).toContain('value="2026-08-04"');
    page = await step('next', { from: '2026-08-04', until: '' });
    expect(page.body).toContain('aria-current="step">Étape 4 : Aperçu</li>');
    expect(page.body).toContain('<dd>Ducoeur</dd>');
    expect(page.body).toContain('<li>Dimona</li><li>Plasma</li>');
    expect(page.body).toContain('À partir du 04/08/2026, sans date de fin');

    page = await step('goto:person');
    expect(page.body).toContain('aria-current="step">Étape 1 : Personne</li>');
    page = await step('next', { lastName: 'Mremi', firstName: 'Naïma', email: 'nmre@example.be' });
    page = await step('next', { roles: ['dimona', 'plasma'] });
    page = await step('next', { from: '2026-08-04', until: '2027-08-04' });
    expect(page.body).toContain('<dd>Mremi</dd>');
    expect(page.body).toContain('Du 04/08/2026 au 04/08/2027');

    const done = await step('confirm');
    expect(done.statusCode).toBe(303);
    expect((await browser.get(done.headers.location as string)).body).toContain('Opération réussie !');
  });

  it('does not finish with a step missing, whatever the posted step says', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    await browser.get('/dev/components/wizard');
    const page = await browser.post('/dev/components/wizard', { _step: 'overview', _action: 'confirm', _wizard: 'garbage' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('aria-current="step">Step 1: Person</li>');
  });
});

describe('the gallery two-list selector', () => {
  it('moves values with its buttons and keeps them until saved', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    let page = await browser.get('/dev/components/two-list');
    const chosen = () => [...main(page.body).matchAll(/<input type="hidden" name="applications" value="([^"]+)"\/>/g)].map((m) => m[1]!);

    page = await browser.post('/dev/components/two-list', { _move: 'applications:add', applications__available: ['plasma', 'biztax'] });
    expect(page.statusCode).toBe(200);
    expect(chosen()).toEqual(['biztax', 'plasma']);

    page = await browser.post('/dev/components/two-list', { applications: chosen(), applications__chosen: 'biztax', _move: 'applications:remove' });
    expect(chosen()).toEqual(['plasma']);

    page = await browser.post('/dev/components/two-list', { applications: chosen(), applications__filter: 'elec', _move: 'applications:filter' });
    expect(page.body).toContain('value="elec"');
    expect(page.body).toContain('<option value="elections-sociales" data-order="12">Élections sociales</option></select>');
    expect(page.body).not.toContain('<option value="biztax"');

    page = await browser.post('/dev/components/two-list', { applications: chosen(), applications__filter: 'elec', _move: 'applications:addAll' });
    expect(chosen()).toEqual(['plasma', 'elections-sociales']);

    const saved = await browser.post('/dev/components/two-list', { applications: chosen() });
    expect(saved.statusCode).toBe(303);
    expect((await browser.get(saved.headers.location as string)).body).toContain('Applications choisies : 2.');
  });

  it('asks for at least one value, and ignores values that are not offered', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    await browser.get('/dev/components/two-list');
    const page = await browser.post('/dev/components/two-list', { applications: ['root'], _move: 'applications:removeAll' });
    expect(page.body).not.toContain('value="root"');
    const empty = await browser.post('/dev/components/two-list', { applications: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<a href="#field-applications">Choisissez au moins une application.</a>');
  });
});
