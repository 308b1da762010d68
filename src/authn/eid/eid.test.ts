import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { DEMO_CRL_LIFETIME_MS, demoCa, issueTestCard, revokeTestCard } from './demo-ca';
import { startEidListener, type EidListener } from './listener';
import { createAuthority, issueCardCertificate } from './pki';
import { eidCertificateForSession } from './service';
import { freePort, presentCard } from './test-support';
import * as x509 from './x509';

const silent = { info: () => {}, warn: () => {} };
const HELENE = DEMO.persons.legalRepresentative;

describe('the eID card key over real TLS', () => {
  let test: TestApp;
  let listener: EidListener;
  let publicUrl: string;
  let listenerUrl: string;
  let serverCa: string;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    test = await createTestApp({ PUBLIC_URL: publicUrl, EID_PORT: '0' });
    await loadDemoRegisters(test.ctx.db);
    await test.app.listen({ host: '127.0.0.1', port });
    listener = await startEidListener(test.ctx, silent);
    listenerUrl = `https://127.0.0.1:${listener.port}/`;
    serverCa = (await demoCa(test.ctx)).root.certificate.toString('pem');
  });
  afterAll(async () => {
    await listener?.close();
    await test?.close();
  });

  const testCard = async (nrn: string, dates?: { notBefore?: Date; notAfter?: Date }) => {
    const card = await issueTestCard(test.ctx, nrn, dates);
    return { issued: card.card, chain: card.chain, serial: card.serial };
  };

  const auditOf = (action: string) =>
    test.ctx.db.selectFrom('audit_events').select(['actor', 'action', 'details']).where('action', '=', action).orderBy('seq', 'desc').execute();

  /** Follows the listener's redirect on the main site; gives the session cookie and the answer. */
  async function complete(location: string) {
    const url = new URL(location);
    const response = await test.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    const session = response.cookies.find((c) => c.name === 'sesame_session')?.value;
    return { response, session };
  }

  it('explains on the main site how to insert the card, with the way to the listener', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/login/eid', headers: { 'accept-language': 'nl' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Steek uw eID-kaart in de kaartlezer.');
    expect(response.body).toContain('href="https://localhost:0/?lang=nl"');
  });

  it('identifies the person of a demo card: listener → single-use code → session on the main site', async () => {
    const card = await testCard(HELENE);
    const answer = await presentCard(listenerUrl, serverCa, card);
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(new RegExp(`^${publicUrl}/login/eid/complete\\?code=[\\w-]{43}$`));

    const { response, session } = await complete(answer.location!);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const status = await test.app.inject({ method: 'GET', url: '/session/status', cookies: { sesame_session: session! } });
    expect(status.json()).toMatchObject({ active: true });

    const [identified] = await auditOf('authn.identified');
    expect(identified).toMatchObject({ actor: `person:${HELENE}`, details: { key: 'eid', loa: 'high' } });
    const [accepted] = await auditOf('authn.eid.certificate_accepted');
    expect(accepted!.details).toMatchObject({ serial: card.serial });

    const authTime = test.ctx.clock.now();
    expect(await eidCertificateForSession(test.ctx, { nrn: HELENE, key: 'eid', authTime })).toEqual({
      issuer: 'SERIALNUMBER=202611, CN=Sésame Demo Citizen CA, O=Sésame (demo), C=BE',
      subject: 'SERIALNUMBER=68042208433, GIVENNAME=Hélène, SURNAME=Vandenbroucke, CN=Hélène Vandenbroucke (Authentication), C=BE',
      serialNumber: card.serial,
      cn: 'Hélène Vandenbroucke (Authentication)',
      givenName: 'Hélène',
      surname: 'Vandenbroucke',
    });
    expect(await eidCertificateForSession(test.ctx, { nrn: HELENE, key: 'itsme', authTime })).toBeUndefined();
  });

  it('takes a handoff code once only, and not after 60 seconds', async () => {
    const card = await testCard(DEMO.persons.citizen);
    const first = await presentCard(listenerUrl, serverCa, card);
    expect((await complete(first.location!)).response.statusCode).toBe(303);
    const replay = await complete(first.location!);
    expect(replay.response.statusCode).toBe(400);
    expect(replay.session).toBeUndefined();

    const late = await presentCard(listenerUrl, serverCa, card);
    test.ctx.clock.advance(61_000);
    const answer = await complete(late.location!);
    expect(answer.response.statusCode).toBe(400);
    expect(answer.response.body).toContain('expir');
  });

  it('refuses a certificate of a foreign authority with a clear page, and audits the refusal', async () => {
    const now = test.ctx.clock.now();
    const later = new Date(now.getTime() + 365 * 86_400_000);
    const root = await createAuthority({ name: [{ CN: ['Belgium Root CA4 (forged)'] }], notBefore: now, notAfter: later, bits: 2048 });
    const citizen = await createAuthority({ name: [{ CN: ['Citizen CA'] }], notBefore: now, notAfter: later, issuer: root, bits: 2048 });
    const issued = await issueCardCertificate(citizen, { nrn: HELENE, givenNames: 'Hélène', surname: 'Vandenbroucke', notBefore: now, notAfter: later });
    const answer = await presentCard(listenerUrl, serverCa, { issued, chain: [citizen.certificate, root.certificate] });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('This certificate was not issued by an authority Sésame trusts.');
    const [refused] = await auditOf('authn.eid.refused');
    expect(refused).toMatchObject({ actor: `person:${HELENE}`, details: { reason: 'untrusted', issuer: 'CN=Citizen CA' } });
  });

  it('refuses an expired card', async () => {
    const now = test.ctx.clock.now().getTime();
    const card = await testCard(HELENE, { notBefore: new Date(now - 3_000 * 86_400_000), notAfter: new Date(now - 86_400_000) });
    const answer = await presentCard(listenerUrl, serverCa, card);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('The certificate of this card has expired.');
    expect((await auditOf('authn.eid.refused'))[0]!.details).toMatchObject({ reason: 'expired', serial: card.serial });
  });

  it('asks again when no certificate is presented', async () => {
    const answer = await presentCard(listenerUrl, serverCa);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('No certificate was received.');
    expect((await auditOf('authn.eid.refused'))[0]).toMatchObject({ actor: 'anonymous', details: { reason: 'no_certificate' } });
  });

  it('refuses a card whose number the national register does not know', async () => {
    const ca = await demoCa(test.ctx);
    const now = test.ctx.clock.now();
    const issued = await issueCardCertificate(ca.citizen, {
      nrn: '85073100130', givenNames: 'Nobody', surname: 'Known', notBefore: now, notAfter: new Date(now.getTime() + 86_400_000),
      crlUrl: `${publicUrl}/eid/demo-ca.crl`,
    });
    const answer = await presentCard(listenerUrl, serverCa, { issued, chain: [ca.citizen.certificate] });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('not known in the national register');
  });

  it('refuses a revoked card once the CRL lists it; a fetched CRL is kept until its nextUpdate', async () => {
    const card = await testCard(DEMO.persons.auditor);
    expect((await presentCard(listenerUrl, serverCa, card)).status).toBe(303);
    expect(await revokeTestCard(test.ctx, card.serial)).toEqual({ serial: card.serial, already: false });
    // The CRL the listener holds is still good: the revocation shows with the next one.
    expect((await presentCard(listenerUrl, serverCa, card)).status).toBe(303);
    test.ctx.clock.advance(DEMO_CRL_LIFETIME_MS + 1_000);
    const answer = await presentCard(listenerUrl, serverCa, card);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('This certificate has been revoked');
    expect((await auditOf('authn.eid.refused'))[0]!.details).toMatchObject({ reason: 'revoked', serial: card.serial });
    expect(await revokeTestCard(test.ctx, card.serial)).toEqual({ serial: card.serial, already: true });
    expect(await revokeTestCard(test.ctx, 'abcdef')).toBeUndefined();
  });

  it('publishes the demo CRL, signed by the demo citizen CA', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/eid/demo-ca.crl' });
    expect(response.headers['content-type']).toBe('application/pkix-crl');
    const crl = new x509.X509Crl(new Uint8Array(response.rawPayload));
    const ca = await demoCa(test.ctx);
    expect(await crl.verify({ publicKey: ca.citizen.certificate })).toBe(true);
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(DEMO_CRL_LIFETIME_MS);
  });
});
