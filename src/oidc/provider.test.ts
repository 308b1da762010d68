import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../authn/http-session';
import { createHandoff, takeHandoff } from '../authn/eid/service';
import { KEYS, keyKind, type KeyId } from '../authn/keys';
import { personForIdentification } from '../identity/service';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { openTestSession } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { saveClient } from './clients';
import { CookieBrowser, freePort, startBackchannelReceiver } from './testing/relying-party';

// An external relying party, driven by openid-client (not by our code), against the app on a real port.
let t: TestApp;
let issuer: string;
let backchannel: Awaited<ReturnType<typeof startBackchannelReceiver>>;
const RP = 'http://127.0.0.1:9/rp';
const CALLBACK = `${RP}/callback`;
const SECRET = 'a-relying-party-secret-of-at-least-32-characters';

beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  t = await createTestApp({ PUBLIC_URL: issuer, RATE_LIMIT_PER_MINUTE: '10000', ACR_ALIASES: 'urn:example:loa:2=substantial,urn:example:loa:3=high' });
  // The provider measures time with the real clock: align the test clock on it.
  t.ctx.clock.set(new Date());
  await loadDemoRegisters(t.ctx.db);
  await t.app.listen({ host: '127.0.0.1', port });
  backchannel = await startBackchannelReceiver(issuer, `${issuer}/oidc/jwks`, 'rp');
  const common = { redirect_uris: [CALLBACK], post_logout_redirect_uris: [`${RP}/bye`], secret: SECRET };
  await saveClient(t.ctx, { client_id: 'rp', ...common, backchannel_logout_uri: backchannel.url, scope: 'openid profile email egovnrn certificateInfo' }, 'cli');
  await saveClient(t.ctx, { client_id: 'rp-high', ...common, min_loa: 'high' }, 'cli');
  await saveClient(t.ctx, { client_id: 'machine', grant_types: ['client_credentials'], scope: 'api', secret: SECRET }, 'cli');
});
afterAll(async () => {
  await backchannel?.close();
  await t?.close();
});

async function relyingParty(clientId = 'rp', secret = SECRET) {
  return oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
}

/** A browser whose person has just identified with `key`, as the key's own flow would leave it. */
async function browserWithSession(nrn: string, key: KeyId) {
  const { person, token } = await openTestSession(t.ctx, nrn, key);
  const browser = new CookieBrowser();
  browser.cookies.set(SESSION_COOKIE, token);
  return { browser, person };
}

async function authorize(config: oidc.Configuration, browser: CookieBrowser, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });
  const reached = await browser.follow(url.href, RP, `${issuer}/login`);
  return { reached, verifier, state };
}

describe('the OpenID provider, seen by an external relying party', () => {
  it('publishes discovery with our acr values and the FAS ones', async () => {
    const config = await relyingParty();
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.authorization_endpoint).toBe(`${issuer}/oidc/auth`);
    expect(metadata.acr_values_supported).toEqual(expect.arrayContaining(['urn:sesame:loa:high', 'urn:be:fedict:iam:fas:Level500']));
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.backchannel_logout_supported).toBe(true);
    const jwks = (await (await fetch(`${issuer}/oidc/jwks`)).json()) as { keys: { alg: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('publishes the configured acr aliases, steps up for them, and answers in them', async () => {
    const config = await relyingParty();
    expect(config.serverMetadata().acr_values_supported).toEqual(expect.arrayContaining(['urn:example:loa:2', 'urn:example:loa:3', 'urn:be:fedict:iam:fas:Level400']));

    const { browser } = await browserWithSession(DEMO.persons.citizen, 'passkey');
    const { reached, verifier, state } = await authorize(config, browser, { acr_values: 'urn:example:loa:3' });
    const login = new URL(reached.url);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('loa')).toBe('high');

    const stepped = await browserWithSession(DEMO.persons.citizen, 'eid');
    browser.cookies.set(SESSION_COOKIE, stepped.browser.cookies.get(SESSION_COOKIE)!);
    const back = await browser.follow(new URL(login.searchParams.get('return')!, issuer).href, RP);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()!.acr).toBe('urn:example:loa:3');
  });

  it('completes the code flow with PKCE, userinfo, refresh, introspection, revocation and RP-initiated logout', async () => {
    const config = await relyingParty();
    const { browser, person } = await browserWithSession(DEMO.persons.citizen, 'itsme');
    const { reached, verifier, state } = await authorize(config, browser, { scope: 'openid profile email egovnrn' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(person.id);
    expect(claims.acr).toBe('urn:sesame:loa:high');
    expect(claims.amr).toEqual(keyKind('itsme').amr);

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, person.id);
    expect(userinfo).toMatchObject({ given_name: person.givenName, family_name: person.familyName, givenName: person.givenName, surname: person.familyName, egovNRN: person.nrn });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    expect(await oidc.tokenIntrospection(config, refreshed.access_token)).toMatchObject({ active: true, sub: person.id, client_id: 'rp' });
    await oidc.tokenRevocation(config, refreshed.access_token);
    expect((await oidc.tokenIntrospection(config, refreshed.access_token)).active).toBe(false);

    // Rotation: the old refresh token is spent, and presenting it again (a theft, perhaps) revokes the grant.
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toThrow();

    const before = backchannel.received.length;
    const end = oidc.buildEndSessionUrl(config, { id_token_hint: refreshed.id_token ?? tokens.id_token!, post_logout_redirect_uri: `${RP}/bye`, state: 'bye' });
    const confirmation = await browser.fetch(end.href);
    const page = await confirmation.text();
    const action = /action="([^"]+)"/.exec(page)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const done = await browser.fetch(new URL(action, issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${RP}/bye?state=bye`);
    expect(backchannel.received.length).toBe(before + 1);
    expect(backchannel.received.at(-1)).toMatchObject({ sub: person.id, aud: 'rp' });
    // Our single-sign-on session ended too: the browser's cookie is cleared, and the event is audited.
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await (await browser.fetch(`${issuer}/session/status`)).json()) as object).toEqual({ active: false });
    const audited = await t.ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'authn.logged_out').execute();
    expect(audited.some((e) => (e.details as { via?: string }).via === 'oidc.rp_initiated_logout')).toBe(true);
  });

  it.each(KEYS.map((key) => key.id))('asserts the level and methods of a session opened with the %s key', async (key) => {
    const config = await relyingParty();
    const { browser, person } = await browserWithSession(DEMO.persons.citizen, key);
    const { reached, verifier, state } = await authorize(config, browser, { acr_values: 'urn:be:fedict:iam:fas:Level100' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({ sub: person.id, acr: keyKind(key).fasAcr, amr: keyKind(key).amr });
    expect((await oidc.fetchUserInfo(config, tokens.access_token, person.id)).given_name).toBe(person.givenName);
  });

  it('reuses the session for a second application without asking the person again', async () => {
    const { browser } = await browserWithSession(DEMO.persons.citizen, 'eid');
    const first = await authorize(await relyingParty(), browser);
    expect(first.reached.url.startsWith(CALLBACK)).toBe(true);
    const second = await authorize(await relyingParty(), browser);
    expect(second.reached.url.startsWith(CALLBACK)).toBe(true);
    // The answer that hands out the code sets the provider's cookies once each.
    const challenge = await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier());
    const url = oidc.buildAuthorizationUrl(await relyingParty(), { redirect_uri: CALLBACK, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' });
    const answered = await browser.fetch(url.href);
    expect(answered.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/rp\/callback\?code=/);
    const names = answered.headers.getSetCookie().map((line) => line.split('=')[0]);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  it('sends a back-channel logout to the applications of the session when the person logs out of Sésame', async () => {
    const config = await relyingParty();
    const { browser, person } = await browserWithSession(DEMO.persons.citizen, 'eid');
    const { reached, verifier, state } = await authorize(config, browser);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    const before = backchannel.received.length;
    const home = await (await browser.fetch(`${issuer}/`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home)![1]!;
    const out = await browser.fetch(`${issuer}/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(out.status).toBe(303);
    expect(backchannel.received.length).toBe(before + 1);
    expect(backchannel.received.at(-1)).toMatchObject({ sub: person.id, sid: tokens.claims()!.sid });
    // The grant is revoked: the refresh token no longer works.
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
  });

  it('sends a person without a session to identify, and comes back after', async () => {
    const browser = new CookieBrowser();
    const { reached } = await authorize(await relyingParty(), browser);
    const login = new URL(reached.url);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('loa')).toBe('low');
    expect(login.searchParams.get('return')).toMatch(/^\/interaction\/[\w-]+$/);
  });

  it('steps up instead of reusing a session below the acr_values asked', async () => {
    const config = await relyingParty();
    const { browser } = await browserWithSession(DEMO.persons.citizen, 'password');
    const { reached, verifier, state } = await authorize(config, browser, { acr_values: 'urn:be:fedict:iam:fas:Level400' });
    const login = new URL(reached.url);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('loa')).toBe('substantial');

    // The person steps up with a stronger key and comes back: the FAS-style acr of that key is asserted.
    const stepped = await browserWithSession(DEMO.persons.citizen, 'password_totp');
    browser.cookies.set(SESSION_COOKIE, stepped.browser.cookies.get(SESSION_COOKIE)!);
    const back = await browser.follow(new URL(login.searchParams.get('return')!, issuer).href, RP);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()!.acr).toBe('urn:be:fedict:iam:fas:Level400');
  });

  it('refuses a substantial session to an application that requires the high level', async () => {
    const { browser } = await browserWithSession(DEMO.persons.citizen, 'password_totp');
    const { reached } = await authorize(await relyingParty('rp-high'), browser);
    const login = new URL(reached.url);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('loa')).toBe('high');
  });

  it('refuses a redirect_uri that is not registered exactly', async () => {
    const { browser } = await browserWithSession(DEMO.persons.citizen, 'eid');
    const { reached } = await authorize(await relyingParty(), browser, { redirect_uri: `${CALLBACK}/other` });
    expect(reached.response?.status).toBe(400);
    expect(await reached.response!.text()).toContain('invalid_redirect_uri');
  });

  it('refuses a wrong client secret', async () => {
    const wrong = await relyingParty('rp', 'not-the-secret-of-this-relying-party-at-all');
    const machine = await relyingParty('machine', 'not-the-secret-of-this-relying-party-at-all');
    for (const attempt of [oidc.refreshTokenGrant(wrong, 'any-refresh-token'), oidc.clientCredentialsGrant(machine, { scope: 'api' })]) {
      const error = (await attempt.catch((e: unknown) => e)) as { status?: number; cause?: { parameters?: { error?: string } }[] };
      expect(error.status).toBe(401);
      expect(error.cause?.[0]?.parameters?.error).toBe('invalid_client');
    }
  });

  it('gives a machine client an access token with client credentials', async () => {
    const machine = await relyingParty('machine');
    const tokens = await oidc.clientCredentialsGrant(machine, { scope: 'api' });
    expect(await oidc.tokenIntrospection(machine, tokens.access_token)).toMatchObject({ active: true, client_id: 'machine', scope: 'api' });
  });

  it('releases the certificate of an eID session behind the certificateInfo scope', async () => {
    const config = await relyingParty();
    const person = await personForIdentification(t.ctx, DEMO.persons.citizen);
    const info = {
      issuer: 'CN=Sésame Demo Citizen CA, C=BE',
      subject: `SERIALNUMBER=${person.nrn}, GIVENNAME=${person.givenName}, SURNAME=${person.familyName}, CN=${person.givenName} ${person.familyName} (Authentication), C=BE`,
      serialNumber: '10a2b3c4d5e6',
      cn: `${person.givenName} ${person.familyName} (Authentication)`,
      givenName: person.givenName,
      surname: person.familyName,
    };
    // The eID flow: the listener hands the verified certificate over, the main site takes it and opens the session.
    const code = await createHandoff(t.ctx, { nrn: person.nrn, info, fingerprint: 'ab'.repeat(32) }, 'test');
    expect(await takeHandoff(t.ctx, code)).toBeDefined();
    const { browser } = await browserWithSession(DEMO.persons.citizen, 'eid');
    const { reached, verifier, state } = await authorize(config, browser, { scope: 'openid certificateInfo' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    const expected = {
      cert_issuer: info.issuer,
      cert_subject: info.subject,
      cert_serialnumber: info.serialNumber,
      cert_cn: info.cn,
      cert_givenname: info.givenName,
      cert_sn: info.surname,
    };
    expect(await oidc.fetchUserInfo(config, tokens.access_token, person.id)).toMatchObject(expected);
    // After a refresh too: the claims follow the grant, not the browser.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(await oidc.fetchUserInfo(config, refreshed.access_token, person.id)).toMatchObject(expected);
  });

  it('releases no certificate claims for a session opened with another key, nor without the scope', async () => {
    const config = await relyingParty();
    const other = await browserWithSession(DEMO.persons.citizen, 'itsme');
    const a = await authorize(config, other.browser, { scope: 'openid certificateInfo' });
    const viaItsme = await oidc.authorizationCodeGrant(config, new URL(a.reached.url), { pkceCodeVerifier: a.verifier, expectedState: a.state });
    const eid = await browserWithSession(DEMO.persons.citizen, 'eid');
    const b = await authorize(config, eid.browser, { scope: 'openid profile' });
    const withoutScope = await oidc.authorizationCodeGrant(config, new URL(b.reached.url), { pkceCodeVerifier: b.verifier, expectedState: b.state });
    for (const tokens of [viaItsme, withoutScope]) {
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, other.person.id);
      expect(Object.keys(userinfo).filter((name) => name.startsWith('cert_'))).toEqual([]);
      expect(Object.keys(tokens.claims()!).filter((name) => name.startsWith('cert_'))).toEqual([]);
    }
  });

  it('makes a person with a session identify again when the application asks prompt=login', async () => {
    const config = await relyingParty();
    // The session was opened a little before the request.
    t.ctx.clock.set(new Date(Date.now() - 5_000));
    const { browser } = await browserWithSession(DEMO.persons.citizen, 'itsme');
    t.ctx.clock.set(new Date());
    const { reached, verifier, state } = await authorize(config, browser, { prompt: 'login' });
    const login = new URL(reached.url);
    expect(login.pathname).toBe('/login');

    // Identified again, after the request: the login finishes.
    t.ctx.clock.set(new Date());
    const again = await browserWithSession(DEMO.persons.citizen, 'itsme');
    browser.cookies.set(SESSION_COOKIE, again.browser.cookies.get(SESSION_COOKIE)!);
    const back = await browser.follow(new URL(login.searchParams.get('return')!, issuer).href, RP);
    expect(back.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()!.auth_time).toBe(Math.floor(t.ctx.clock.now().getTime() / 1000));
  });

  it('makes a person identify again when the session is older than max_age, and reuses a recent one', async () => {
    const config = await relyingParty();
    t.ctx.clock.set(new Date(Date.now() - 120_000));
    const { browser } = await browserWithSession(DEMO.persons.citizen, 'itsme');
    t.ctx.clock.set(new Date());
    const old = await authorize(config, browser, { max_age: '60' });
    expect(new URL(old.reached.url).pathname).toBe('/login');

    const recent = await authorize(config, browser, { max_age: '600' });
    expect(recent.reached.url.startsWith(CALLBACK)).toBe(true);
  });

  it('leaves the national register number out without the egovnrn scope', async () => {
    const config = await relyingParty();
    const { browser, person } = await browserWithSession(DEMO.persons.citizen, 'eid');
    const { reached, verifier, state } = await authorize(config, browser, { scope: 'openid profile' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(reached.url), { pkceCodeVerifier: verifier, expectedState: state });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, person.id);
    expect(userinfo.given_name).toBe(person.givenName);
    expect(userinfo).not.toHaveProperty('egovNRN');
    expect(tokens.claims()).not.toHaveProperty('egovNRN');
  });
});
