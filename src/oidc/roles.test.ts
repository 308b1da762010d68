import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPW, rolesInTwoEnterprises, SECOND, ZEPHYR } from '../access/api/test-fixture';
import { SESSION_COOKIE } from '../authn/http-session';
import type { KeyId } from '../authn/keys';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { openTestSession } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { saveClient } from './clients';
import { CookieBrowser, freePort } from './testing/relying-party';

// The `roles` scope and "se connecter au nom d'une organisation", seen by an external relying party (openid-client).
let t: TestApp;
let issuer: string;
const RP = 'http://127.0.0.1:9/rp';
const CALLBACK = `${RP}/callback`;
const SECRET = 'a-relying-party-secret-of-at-least-32-characters';
// The catalog's Espace Personnel Wallon receives identities through the client mon-espace.
const CLIENT = 'mon-espace';

beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  t = await createTestApp({ PUBLIC_URL: issuer, RATE_LIMIT_PER_MINUTE: '10000' });
  t.ctx.clock.set(new Date());
  await loadDemoRegisters(t.ctx.db);
  await rolesInTwoEnterprises(t);
  await t.app.listen({ host: '127.0.0.1', port });
  await saveClient(t.ctx, { client_id: CLIENT, redirect_uris: [CALLBACK], secret: SECRET, scope: 'openid profile roles' }, 'cli');
});
afterAll(() => t?.close());

const relyingParty = () => oidc.discovery(new URL(issuer), CLIENT, undefined, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });

async function browserWithSession(nrn: string, key: KeyId) {
  const { person, token } = await openTestSession(t.ctx, nrn, key);
  const browser = new CookieBrowser();
  browser.cookies.set(SESSION_COOKIE, token);
  return { browser, person };
}

/** Starts an authorization request and follows it to the callback or to a page (the choice). */
async function authorize(config: oidc.Configuration, browser: CookieBrowser, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid profile roles', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
  const reached = await browser.follow(url.href, RP, `${issuer}/login`);
  return { reached, verifier, state };
}

/** Picks an enterprise on the choice page, then follows to the callback. */
async function choose(browser: CookieBrowser, pageUrl: string, html: string, enterprise: string) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const response = await browser.fetch(pageUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, enterprise }).toString() });
  if (response.status !== 303) return { status: response.status, html: await response.text(), url: pageUrl };
  return { status: 303, ...(await browser.follow(new URL(response.headers.get('location')!, pageUrl).href, RP)) };
}

const roleCodes = (claims: Record<string, unknown>) => (claims.roles as { role: string; enterprise: string }[]).map((r) => `${r.enterprise}:${r.role}`).sort();

describe('the roles scope', () => {
  it('puts the roles of the only enterprise in the ID token and userinfo, without asking', async () => {
    const config = await relyingParty();
    const { browser, person } = await browserWithSession(DEMO.persons.encoders[1], 'password_totp');
    const { reached, verifier, state } = await authorize(config, browser);
    expect(reached.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims()!;
    expect(claims.enterprise).toBe(ZEPHYR);
    expect(claims.roles).toEqual([
      { enterprise: ZEPHYR, application: EPW, role: 'relecteur', unit: null, valid_from: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), valid_until: null, permissions: ['read'] },
    ]);
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, person.id);
    expect(userinfo).toMatchObject({ enterprise: ZEPHYR, roles: claims.roles });
  });

  it('asks a person with roles in two enterprises to choose, and releases only the chosen one’s roles', async () => {
    const config = await relyingParty();
    const { browser, person } = await browserWithSession(DEMO.persons.encoders[0], 'password_totp');
    const { reached, verifier, state } = await authorize(config, browser);
    expect(new URL(reached.url).pathname).toMatch(/^\/interaction\/[\w-]+\/enterprise$/);
    expect(reached.response?.status).toBe(200);
    const html = await reached.response!.text();
    expect(html).toContain('0723.641.873');
    expect(html).toContain('0551.207.943');

    const done = await choose(browser, reached.url, html, SECOND);
    expect(done.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(done.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()!.enterprise).toBe(SECOND);
    expect(roleCodes(tokens.claims()!)).toEqual([`${SECOND}:relecteur`]);
    // The choice follows the grant: after a refresh too.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const userinfo = await oidc.fetchUserInfo(config, refreshed.access_token, person.id);
    expect(userinfo.enterprise).toBe(SECOND);
    expect(roleCodes(userinfo)).toEqual([`${SECOND}:relecteur`]);

    // A second login to the same application keeps the choice; prompt=select_account asks again.
    const again = await authorize(config, browser);
    expect(again.reached.url.startsWith(CALLBACK)).toBe(true);
    const switching = await authorize(config, browser, { prompt: 'select_account' });
    expect(new URL(switching.reached.url).pathname).toMatch(/\/enterprise$/);
    const switched = await choose(browser, switching.reached.url, await switching.reached.response!.text(), ZEPHYR);
    const zephyrTokens = await oidc.authorizationCodeGrant(config, new URL(switched.url), { pkceCodeVerifier: switching.verifier, expectedState: switching.state });
    expect(zephyrTokens.claims()!.enterprise).toBe(ZEPHYR);
    expect(roleCodes(zephyrTokens.claims()!)).toEqual([`${ZEPHYR}:editeur`, `${ZEPHYR}:gestionnaire`]);
  });

  it('refuses a choice of an enterprise the person holds no role in, and changes nothing', async () => {
    const config = await relyingParty();
    const { browser } = await browserWithSession(DEMO.persons.encoders[0], 'password_totp');
    const { reached } = await authorize(config, browser);
    const refused = await choose(browser, reached.url, await reached.response!.text(), DEMO.enterprises.cpas);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Choisissez l’entreprise pour laquelle vous agissez');
  });

  it('leaves out the roles a session below their level may not carry', async () => {
    const config = await relyingParty();
    // Espace Personnel Wallon's roles need the substantial level: a password-only session gets none, and no choice.
    const { browser } = await browserWithSession(DEMO.persons.encoders[0], 'password');
    const { reached, verifier, state } = await authorize(config, browser);
    expect(reached.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()!.roles).toEqual([]);
    expect(tokens.claims()).not.toHaveProperty('enterprise');
  });

  it('releases no roles to an application that did not ask for the scope', async () => {
    const config = await relyingParty();
    const { browser, person } = await browserWithSession(DEMO.persons.encoders[1], 'password_totp');
    const { reached, verifier, state } = await authorize(config, browser, { scope: 'openid profile' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).not.toHaveProperty('roles');
    expect(await oidc.fetchUserInfo(config, tokens.access_token, person.id)).not.toHaveProperty('roles');
  });
});
