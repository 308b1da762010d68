import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../testing/app';
import { maskSecrets } from './app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('pages', () => {
  it.each([
    ['nl', 'Welkom bij Sésame', 'Mijn eGov-rollenbeheer'],
    ['fr', 'Bienvenue sur Sésame', 'Ma gestion des rôles eGov'],
    ['de', 'Willkommen bei Sésame', 'Meine eGov-Rollenverwaltung'],
    ['en', 'Welcome to Sésame', 'My eGov role management'],
  ])('the home page speaks %s when the browser asks for it, and leads to every section', async (lang, title, roles) => {
    const response = await t.app.inject({ url: '/', headers: { 'accept-language': `${lang};q=0.9, es;q=0.1` } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toContain(`<h1>${title}</h1>`);
    for (const href of ['/login', '/keys', '/organisations', '/access', '/apps', '/ebox']) expect(response.body).toContain(`<a href="${href}">`);
    expect(response.body).toContain(`<a href="/access">${roles}</a>`);
  });

  it('remembers the language chosen with the switcher', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const switched = await browser.get('/lang/de?next=%2F%3Fx%3D1');
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/?x=1');
    expect((await browser.get('/')).body).toContain('<html lang="de">');
  });

  it('never redirects outside the platform after a language switch', async () => {
    for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example']) {
      const response = await t.app.inject({ url: `/lang/en?next=${encodeURIComponent(next)}` });
      expect(response.headers.location).toBe('/');
    }
  });

  it('answers an unknown page with a translated 404', async () => {
    const response = await t.app.inject({ url: '/nowhere', headers: { 'accept-language': 'nl' } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Pagina niet gevonden');
  });
});

describe('security', () => {
  it('sends a Content-Security-Policy without inline scripts, and secure cookies', async () => {
    const response = await t.app.inject({ url: '/' });
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const csrfCookie = response.cookies.find((c) => c.name === 'sesame_csrf');
    expect(csrfCookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
  });

  it('refuses a form post without a valid CSRF token, in the person’s language', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/',
      headers: { 'accept-language': 'en', 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=forged',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
  });

  it('gives every response a request id, keeping a well-formed incoming one', async () => {
    expect((await t.app.inject({ url: '/', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123');
    expect((await t.app.inject({ url: '/', headers: { 'x-request-id': 'bad id\n' } })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('limits the rate of requests per client', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.app.inject({ url: '/', headers: { 'accept-language': 'en' } })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const refused = await limited.app.inject({ url: '/', headers: { 'accept-language': 'en' } });
      expect(refused.body).toContain('Too many requests');
      expect((await limited.app.inject({ url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('operations', () => {
  it('is live, and ready when the database answers', async () => {
    expect((await t.app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/health/ready' })).json()).toEqual({ status: 'ok' });
  });

  it('publishes Prometheus metrics with request durations per route', async () => {
    await t.app.inject({ url: '/' });
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/",status_code="200"\} \d+/);
  });
});

describe('the request log', () => {
  it('masks the secret of an invitation link, and nothing else', () => {
    expect(maskSecrets('/invitations/abcDEF123_-xyz?lang=fr')).toBe('/invitations/[secret]?lang=fr');
    expect(maskSecrets('/access/invitations/new')).toBe('/access/invitations/new');
  });
});
