import type { SAML } from '@node-saml/node-saml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { saveServiceProvider } from './service-providers';
import { loadSigningKey } from './signing-key';
import { idpCertificate, local, postedForm, serviceProvider, spCredentials, TRANSIENT } from './testing/service-provider';

// Single sign-on against a service provider driven by @node-saml/node-saml, through the HTTP API with a browser-like client.
let t: TestApp;
let idpCert: string;
let credentials: { certificate: string; privateKey: string };
const SP = 'https://sp.example/saml';
const ACS = 'https://sp.example/saml/acs';
const FEDID = 'urn:be:fedict:iam:attr:fedid';
const EN = { 'accept-language': 'en' };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
  // node-saml checks the assertion's validity window against the real clock.
  t.ctx.clock.set(new Date());
  await loadDemoRegisters(t.ctx.db);
  credentials = await spCredentials();
  idpCert = await idpCertificate(t);
  await saveServiceProvider(t.ctx, { entity_id: SP, name: 'Test SP', acs: [ACS], slo: 'https://sp.example/saml/slo', certificate: credentials.certificate }, 'cli');
  await saveServiceProvider(t.ctx, { entity_id: 'https://nrn.example/saml', acs: ['https://nrn.example/acs'], release_nrn: true }, 'cli');
  await saveServiceProvider(t.ctx, { entity_id: 'https://high.example/saml', acs: ['https://high.example/acs'], min_loa: 'high' }, 'cli');
});
afterAll(async () => {
  await t?.close();
});

function signedSp(extra: Parameters<typeof serviceProvider>[0] extends infer O ? Partial<O> : never = {}): SAML {
  return serviceProvider({ issuer: SP, callbackUrl: ACS, idpCert, privateKey: credentials.privateKey, publicCert: credentials.certificate, ...extra });
}

/** Sends the browser with an AuthnRequest (HTTP-Redirect) and follows to our page; returns the last response. */
async function startLogin(browser: TestBrowser, sp: SAML, relayState = 'back-to-page-7') {
  const sent = await browser.get(local(await sp.getAuthorizeUrlAsync(relayState, undefined, {})));
  if (sent.statusCode !== 303) return sent;
  return browser.get(sent.headers.location as string);
}

describe('SAML metadata', () => {
  it('publishes the entity id, the signing certificate and both bindings of SSO and SLO', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/saml/metadata' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/samlmetadata+xml');
    expect(response.body).toContain('entityID="http://localhost:3000/saml/metadata"');
    expect(response.body).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    expect(response.body).toContain('Location="http://localhost:3000/saml/slo"');
    expect(response.body).toContain(idpCert);
  });

  it('keeps one signing key, its private part encrypted at rest', async () => {
    const rows = await t.ctx.db.selectFrom('saml_signing_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.private_key).toMatch(/^v1\./);
    expect(rows[0]!.private_key).not.toContain('PRIVATE KEY');
    const again = await loadSigningKey(t.ctx);
    expect(again.certificate.replace(/-----[^-]+-----|\s/g, '')).toBe(idpCert);
  });
});

describe('SAML single sign-on', () => {
  it('a service provider using another SAML library signs a person in with the existing session, and gets the FAS attributes', async () => {
    const browser = new TestBrowser(t.app, EN);
    const { person } = await signIn(t, browser, DEMO.persons.principalAccessManager, 'eid');
    const sp = signedSp();
    const page = await startLogin(browser, sp);
    expect(page.statusCode).toBe(200);
    const form = postedForm(page.body);
    expect(form.action).toBe(ACS);
    expect(form.fields.RelayState).toBe('back-to-page-7');
    // The page may submit itself to the ACS origin, and run exactly its one inline script.
    expect(page.headers['content-security-policy']).toMatch(/form-action 'self'[^;]* https:\/\/sp\.example/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);

    const { profile, loggedOut } = await sp.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse! });
    expect(loggedOut).toBe(false);
    expect(profile!.nameIDFormat).toBe(TRANSIENT);
    expect(profile![FEDID]).toBe(person.id);
    expect(profile!.givenName).toBe(person.givenName);
    expect(profile!.surname).toBe(person.familyName);
    expect(profile!.PrefLanguage).toBe(person.language);
    expect(profile!.egovNRN).toBeUndefined();
    const assertion = profile!.getAssertionXml!();
    expect(assertion).toContain('<saml:AuthnContextClassRef>urn:be:fedict:iam:fas:Level500</saml:AuthnContextClassRef>');
    // Both the assertion and the response are signed (node-saml checked both: wantAssertionsSigned and wantAuthnResponseSigned).
    expect(Buffer.from(form.fields.SAMLResponse!, 'base64').toString()).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');

    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'saml.assertion_issued').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.target).toBe(`saml_sp:${SP}`);
    expect(audit.details).toMatchObject({ loa: 'high', class_ref: 'urn:be:fedict:iam:fas:Level500', acs: ACS });
  });

  it('the HTTP-POST binding works although the cross-site POST carries no cookie: our GET page reads the session', async () => {
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.citizen, 'password');
    const sp = signedSp({ authnRequestBinding: 'HTTP-POST', skipRequestCompression: true });
    const spPage = postedForm(await sp.getAuthorizeFormAsync('post-relay'));
    // The SP's page posts cross-site: no cookie, no CSRF token of ours.
    const posted = await t.app.inject({ method: 'POST', url: local(spPage.action), payload: new URLSearchParams(spPage.fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.statusCode).toBe(303);
    const page = await browser.get(posted.headers.location as string);
    const form = postedForm(page.body);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse! });
    expect(profile!.surname).toBe('Wouters');
    expect(profile!.getAssertionXml!()).toContain('urn:be:fedict:iam:fas:Level200');
    expect(form.fields.RelayState).toBe('post-relay');
  });

  it('without a session, the person is sent to identify and comes back to finish', async () => {
    const browser = new TestBrowser(t.app, EN);
    const sp = signedSp();
    const sent = await browser.get(local(await sp.getAuthorizeUrlAsync('', undefined, {})));
    const continueUrl = sent.headers.location as string;
    const first = await browser.get(continueUrl);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/login?${new URLSearchParams({ return: continueUrl, loa: 'low' })}`);
    await signIn(t, browser, DEMO.persons.citizen, 'password');
    const page = await browser.get(continueUrl);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: postedForm(page.body).fields.SAMLResponse! });
    expect(profile!.givenName).toBe('Emma');
  });

  it('egovNRN is released only to a service provider whose registration consents to it', async () => {
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.principalAccessManager, 'eid');
    const sp = serviceProvider({ issuer: 'https://nrn.example/saml', callbackUrl: 'https://nrn.example/acs', idpCert });
    const page = await startLogin(browser, sp);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: postedForm(page.body).fields.SAMLResponse! });
    expect(profile!.egovNRN).toBe(DEMO.persons.principalAccessManager);
    // …and withheld from the first SP (no consent), as the first test showed: its profile has no egovNRN.
  });

  it('a session below the service provider’s minimum level is stepped up, then answered at the higher level', async () => {
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.citizen, 'password_totp');
    const sp = serviceProvider({ issuer: 'https://high.example/saml', callbackUrl: 'https://high.example/acs', idpCert });
    const sent = await browser.get(local(await sp.getAuthorizeUrlAsync('', undefined, {})));
    const continueUrl = sent.headers.location as string;
    const stepUp = await browser.get(continueUrl);
    expect(stepUp.statusCode).toBe(303);
    expect(stepUp.headers.location).toBe(`/login?${new URLSearchParams({ return: continueUrl, loa: 'high' })}`);
    await signIn(t, browser, DEMO.persons.citizen, 'itsme');
    const page = await browser.get(continueUrl);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: postedForm(page.body).fields.SAMLResponse! });
    expect(profile!.getAssertionXml!()).toContain('urn:be:fedict:iam:fas:Level450');
  });

  it('a RequestedAuthnContext with a FAS level above the session’s steps up too', async () => {
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.citizen, 'password');
    const sp = signedSp({ disableRequestedAuthnContext: false, authnContext: ['urn:be:fedict:iam:fas:Level400'], racComparison: 'minimum' });
    const stepUp = await startLogin(browser, sp);
    expect(stepUp.statusCode).toBe(303);
    expect(stepUp.headers.location).toContain('loa=substantial');
  });
});

describe('SAML requests that are refused with a page, and nothing sent to the SP', () => {
  it('an unknown service provider', async () => {
    const sp = serviceProvider({ issuer: 'https://stranger.example/saml', callbackUrl: 'https://stranger.example/acs', idpCert });
    const page = await new TestBrowser(t.app, EN).get(local(await sp.getAuthorizeUrlAsync('', undefined, {})));
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('not registered with Sésame');
    expect(page.body).toContain('https://stranger.example/saml');
    expect(page.body).not.toContain('SAMLResponse');
  });

  it('an ACS URL that is not registered for the SP (exact match)', async () => {
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.citizen, 'eid');
    for (const acs of ['https://evil.example/acs', `${ACS}/`, `${ACS}?x=1`]) {
      const page = await startLogin(browser, signedSp({ callbackUrl: acs }));
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('address that is not registered');
      expect(page.body).not.toContain('SAMLResponse');
    }
  });

  it('an unsigned request from an SP whose registration requires signed requests', async () => {
    const page = await startLogin(new TestBrowser(t.app, EN), serviceProvider({ issuer: SP, callbackUrl: ACS, idpCert }));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('not signed as its registration requires');
  });

  it('a request signed with another key', async () => {
    const other = await spCredentials();
    const page = await startLogin(new TestBrowser(t.app, EN), signedSp({ privateKey: other.privateKey }));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('not signed as its registration requires');
  });

  it('a tampered request (its signature no longer matches)', async () => {
    const url = new URL(await signedSp().getAuthorizeUrlAsync('relay', undefined, {}));
    url.searchParams.set('RelayState', 'another');
    const page = await new TestBrowser(t.app, EN).get(local(url.toString()));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('not signed as its registration requires');
  });

  it('a replayed request', async () => {
    const url = local(await signedSp().getAuthorizeUrlAsync('', undefined, {}));
    expect((await new TestBrowser(t.app, EN).get(url)).statusCode).toBe(303);
    const replay = await new TestBrowser(t.app, EN).get(url);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('too old, or was already used');
  });

  it('a request issued long ago', async () => {
    const url = local(await signedSp().getAuthorizeUrlAsync('', undefined, {}));
    t.ctx.clock.advance(10 * 60_000);
    try {
      const page = await new TestBrowser(t.app, EN).get(url);
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('too old, or was already used');
    } finally {
      t.ctx.clock.set(new Date());
    }
  });

  it('garbage instead of a SAML message', async () => {
    const page = await new TestBrowser(t.app, EN).get('/saml/sso?SAMLRequest=bm90LXNhbWw%3D');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('is not valid');
  });

  it('an answered request cannot be answered twice', async () => {
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.citizen, 'eid');
    const sent = await browser.get(local(await signedSp().getAuthorizeUrlAsync('', undefined, {})));
    expect((await browser.get(sent.headers.location as string)).statusCode).toBe(200);
    const again = await browser.get(sent.headers.location as string);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This request has expired');
  });
});
