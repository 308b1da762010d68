import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAccess } from '../access/demo';
import { SESSION_COOKIE } from '../authn/http-session';
import { saveClient } from '../oidc/clients';
import { CookieBrowser, freePort } from '../oidc/testing/relying-party';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { openTestSession } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { buildMonEspace } from './app';
import { relyingParty } from './oidc';
import { MON_ESPACE } from './server';
import { openStore, type MonEspaceDb } from './store';

// The platform and Mon Espace on real ports, talking OpenID Connect as two separate applications do.
let t: TestApp;
let issuer: string;
let rpUrl: string;
let monEspace: FastifyInstance;
let db: MonEspaceDb;

beforeAll(async () => {
  const [port, rpPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${port}`;
  rpUrl = `http://127.0.0.1:${rpPort}`;
  t = await createTestApp({ PUBLIC_URL: issuer, RATE_LIMIT_PER_MINUTE: '10000' });
  t.ctx.clock.set(new Date());
  await loadDemoRegisters(t.ctx.db);
  await loadDemoAccess(t.ctx);
  await t.app.listen({ host: '127.0.0.1', port });
  await saveClient(
    t.ctx,
    {
      client_id: MON_ESPACE.clientId,
      secret: MON_ESPACE.clientSecret,
      redirect_uris: [`${rpUrl}/callback`],
      post_logout_redirect_uris: [`${rpUrl}/`],
      backchannel_logout_uri: `${rpUrl}/backchannel-logout`,
      scope: MON_ESPACE.scope,
    },
    'cli',
  );
  db = await openStore({ memory: true });
  const rp = relyingParty({ issuer, clientId: MON_ESPACE.clientId, clientSecret: MON_ESPACE.clientSecret, publicUrl: rpUrl, scope: MON_ESPACE.scope });
  monEspace = await buildMonEspace({ rp, db, cookieSecret: 'a-test-cookie-secret-for-mon-espace', secure: false });
  await monEspace.listen({ host: '127.0.0.1', port: rpPort });
});
afterAll(async () => {
  await monEspace?.close();
  await db?.destroy();
  await t?.close();
});

/** A browser whose person identified at the platform with eID, then opened Mon Espace: single sign-on, no second identification. */
async function signedIn(nrn: string) {
  const { token } = await openTestSession(t.ctx, nrn, 'eid');
  const browser = new CookieBrowser();
  browser.cookies.set(SESSION_COOKIE, token);
  const { url } = await browser.follow(`${rpUrl}/login`, `${rpUrl}/callback`);
  const callback = await browser.fetch(url);
  expect(callback.status, 'callback').toBe(302);
  expect(callback.headers.get('location')).toBe('/');
  return browser;
}

async function page(browser: CookieBrowser, path: string) {
  const response = await browser.fetch(`${rpUrl}${path}`);
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

function csrfOf(html: string) {
  return /name="csrf" value="([^"]+)"/.exec(html)![1]!;
}

async function post(browser: CookieBrowser, path: string, form: Record<string, string>) {
  const response = await browser.fetch(`${rpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

describe('Mon Espace, a relying application of Sésame', () => {
  it('shows who is identified, for which enterprise, at which level, with single sign-on', async () => {
    const browser = await signedIn(DEMO.persons.encoders[0]);
    const home = await page(browser, '/');
    expect(home.html).toContain('Naïma');
    expect(home.html).toContain('0723.641.873');
    expect(home.html).toContain('élevé');
    expect(home.html).toContain('redacteur');
  });

  it('a Rédacteur creates, modifies and deletes a dossier, but may neither sign nor submit', async () => {
    const browser = await signedIn(DEMO.persons.encoders[0]);
    const csrf = csrfOf((await page(browser, '/')).html);
    const created = await post(browser, '/dossiers', { csrf, title: 'Subside 2027', body: 'Brouillon' });
    expect(created.status).toBe(302);
    const path = created.location!;
    expect((await post(browser, path, { csrf, title: 'Subside 2027 (v2)', body: 'Complété' })).status).toBe(302);
    expect((await page(browser, path)).html).toContain('Subside 2027 (v2)');
    expect((await page(browser, path)).html).not.toContain('>Soumettre<');
    const signed = await post(browser, `${path}/sign`, { csrf });
    expect(signed.status).toBe(403);
    expect((await post(browser, `${path}/delete`, { csrf })).location).toBe('/?done=deleted');
  });

  it('an Éditeur signs and submits; a submitted dossier can no longer be modified', async () => {
    const lucas = await signedIn(DEMO.persons.encoders[1]);
    const csrf = csrfOf((await page(lucas, '/')).html);
    const path = (await post(lucas, '/dossiers', { csrf, title: 'Déclaration annuelle', body: '' })).location!;
    expect((await post(lucas, `${path}/submit`, { csrf })).status).toBe(409); // not signed yet
    expect((await post(lucas, `${path}/sign`, { csrf })).status).toBe(302);
    expect((await post(lucas, `${path}/submit`, { csrf })).location).toBe('/?done=submitted');
    expect((await post(lucas, path, { csrf, title: 'Changé', body: '' })).status).toBe(409);
    // A Rédacteur of the same enterprise reads it but cannot submit anything.
    const naima = await signedIn(DEMO.persons.encoders[0]);
    expect((await page(naima, path)).html).toContain('Soumis');
    expect((await post(naima, `${path}/submit`, { csrf: csrfOf((await page(naima, '/')).html) })).status).toBe(403);
  });

  it('refuses a form without its session’s CSRF token, and a person without a role sees no dossier', async () => {
    const naima = await signedIn(DEMO.persons.encoders[0]);
    expect((await post(naima, '/dossiers', { csrf: 'forged', title: 'x' })).status).toBe(403);
    const emma = await signedIn(DEMO.persons.citizen);
    const home = await page(emma, '/');
    expect(home.html).toContain('aucun rôle');
    expect((await post(emma, '/dossiers', { csrf: csrfOf(home.html), title: 'x' })).status).toBe(403);
  });

  it('its logout ends the Sésame session everywhere (RP-initiated logout)', async () => {
    const naima = await signedIn(DEMO.persons.encoders[0]);
    const out = await post(naima, '/logout', { csrf: csrfOf((await page(naima, '/')).html) });
    expect(out.location).toContain(`${issuer}/oidc/session/end`);
    const confirmation = await (await naima.fetch(out.location!)).text();
    const action = /action="([^"]+)"/.exec(confirmation)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmation)![1]!;
    const done = await naima.fetch(new URL(action, issuer).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    expect(done.headers.get('location')).toBe(`${rpUrl}/`);
    expect(await (await naima.fetch(`${issuer}/session/status`)).json()).toEqual({ active: false });
    expect((await page(naima, '/')).html).toContain('S’identifier avec Sésame');
  });

  it('a logout at Sésame ends its Mon Espace session by back-channel logout', async () => {
    const naima = await signedIn(DEMO.persons.encoders[0]);
    expect((await page(naima, '/')).html).toContain('Mes dossiers');
    const home = await (await naima.fetch(`${issuer}/`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home)![1]!;
    const out = await naima.fetch(`${issuer}/logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf }).toString() });
    expect(out.status).toBe(303);
    // Same browser, same Mon Espace cookie: the session behind it is gone.
    expect((await page(naima, '/')).html).toContain('S’identifier avec Sésame');
  });
});
