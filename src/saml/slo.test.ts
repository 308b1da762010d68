import type { Profile, SAML } from '@node-saml/node-saml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../authn/session';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { saveServiceProvider } from './service-providers';
import { idpCertificate, local, postedForm, serviceProvider, spCredentials, startSoapReceiver } from './testing/service-provider';

// Single logout with service providers driven by @node-saml/node-saml: SP-initiated, and told back-channel (SOAP) when the session ends elsewhere.
let t: TestApp;
let idpCert: string;
let soap: Awaited<ReturnType<typeof startSoapReceiver>>;
const EN = { 'accept-language': 'en' };
const A = { issuer: 'https://a.example/saml', callbackUrl: 'https://a.example/acs', logoutCallbackUrl: 'https://a.example/slo' };
const B = { issuer: 'https://b.example/saml', callbackUrl: 'https://b.example/acs' };
let credentials: { certificate: string; privateKey: string };
const ended: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
  t.ctx.clock.set(new Date());
  await loadDemoRegisters(t.ctx.db);
  credentials = await spCredentials();
  idpCert = await idpCertificate(t);
  soap = await startSoapReceiver();
  await saveServiceProvider(t.ctx, { entity_id: A.issuer, acs: [A.callbackUrl], slo: A.logoutCallbackUrl, certificate: credentials.certificate }, 'cli');
  await saveServiceProvider(t.ctx, { entity_id: B.issuer, acs: [B.callbackUrl], slo_soap: soap.url }, 'cli');
  await saveServiceProvider(t.ctx, { entity_id: 'https://noslo.example/saml', acs: ['https://noslo.example/acs'] }, 'cli');
  // Stands for OpenID back-channel logout, which is one of these hooks: every hook runs when a SAML SP logs the person out.
  t.app.sessionEndHooks.push(async (session: Session) => void ended.push(session.id));
});
afterAll(async () => {
  await soap?.close();
  await t?.close();
});

const spA = () => serviceProvider({ ...A, idpCert, privateKey: credentials.privateKey, publicCert: credentials.certificate });
const spB = () => serviceProvider({ ...B, idpCert });

async function login(browser: TestBrowser, sp: SAML): Promise<Profile> {
  const sent = await browser.get(local(await sp.getAuthorizeUrlAsync('', undefined, {})));
  const page = await browser.get(sent.headers.location as string);
  const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: postedForm(page.body).fields.SAMLResponse! });
  return profile!;
}

async function sessionActive(browser: TestBrowser): Promise<boolean> {
  return ((await browser.get('/session/status')).json() as { active: boolean }).active;
}

describe('SAML single logout', () => {
  it('an SP-initiated logout ends the session everywhere: the other SP is told back-channel, the hooks run, the SP gets a signed LogoutResponse', async () => {
    const browser = new TestBrowser(t.app, EN);
    const { session } = await signIn(t, browser, DEMO.persons.principalAccessManager, 'eid');
    const profileA = await login(browser, spA());
    const profileB = await login(browser, spB());

    const sp = spA();
    const sent = await browser.get(local(await sp.getLogoutUrlAsync(profileA, 'after-logout', {})));
    expect(sent.statusCode).toBe(303);
    const answered = await browser.get(sent.headers.location as string);
    expect(answered.statusCode).toBe(303);
    const location = new URL(answered.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(A.logoutCallbackUrl);
    const result = await sp.validateRedirectAsync(Object.fromEntries(location.searchParams), location.search.slice(1));
    expect(result.loggedOut).toBe(true);
    expect(location.searchParams.get('RelayState')).toBe('after-logout');

    expect(await sessionActive(browser)).toBe(false);
    expect(ended).toContain(session.id);
    // B got a signed LogoutRequest for the NameID and SessionIndex it knows; node-saml checks the signature.
    expect(soap.received).toHaveLength(1);
    const { profile, loggedOut } = await spB().validatePostRequestAsync({ SAMLRequest: Buffer.from(soap.received[0]!).toString('base64') });
    expect(loggedOut).toBe(true);
    expect(profile!.nameID).toBe(profileB.nameID);
    expect(profile!.sessionIndex).toBe(profileB.sessionIndex);

    const actions = (await t.ctx.db.selectFrom('audit_events').select(['action', 'details']).orderBy('seq').execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['saml.assertion_issued', 'saml.logout_notified', 'authn.logged_out']));
  });

  it('a logout from elsewhere (POST /logout) tells the SAML SPs of the session back-channel', async () => {
    soap.received.length = 0;
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.citizen, 'password');
    const profileB = await login(browser, spB());
    await browser.get('/');
    const out = await browser.post('/logout', {});
    expect(out.statusCode).toBe(303);
    expect(soap.received).toHaveLength(1);
    const { profile } = await spB().validatePostRequestAsync({ SAMLRequest: Buffer.from(soap.received[0]!).toString('base64') });
    expect(profile!.nameID).toBe(profileB.nameID);
  });

  it('a LogoutRequest for another session (its NameID is not this session’s) leaves the browser’s session alone', async () => {
    const browser = new TestBrowser(t.app, EN);
    await signIn(t, browser, DEMO.persons.citizen, 'eid');
    const profile = await login(browser, spA());
    const sp = spA();
    const sent = await browser.get(local(await sp.getLogoutUrlAsync({ ...profile, nameID: '_someone-else' }, '', {})));
    const answered = await browser.get(sent.headers.location as string);
    expect(answered.statusCode).toBe(303);
    expect(await sessionActive(browser)).toBe(true);
  });

  it('refuses an unsigned LogoutRequest from an SP that must sign, and one from an SP with no logout address', async () => {
    const browser = new TestBrowser(t.app, EN);
    const profile = { issuer: A.issuer, nameID: '_x', nameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', sessionIndex: '_y' } as Profile;
    const unsigned = await browser.get(local(await serviceProvider({ ...A, idpCert }).getLogoutUrlAsync(profile, '', {})));
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.body).toContain('not signed as its registration requires');
    const noSlo = serviceProvider({ issuer: 'https://noslo.example/saml', callbackUrl: 'https://noslo.example/acs', idpCert });
    const refused = await browser.get(local(await noSlo.getLogoutUrlAsync({ ...profile, issuer: 'https://noslo.example/saml' }, '', {})));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('no logout address is registered');
  });
});
