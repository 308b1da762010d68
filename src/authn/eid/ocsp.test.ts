import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { TestClock } from '../../platform/clock';
import { demoCa, demoCrlUrl, demoOcspUrl, issueTestCard, revokeTestCard, type DemoCa } from './demo-ca';
import { DEMO_OCSP_LIFETIME_MS } from './demo-ocsp';
import { startEidListener } from './listener';
import { CertificateRefused } from './model';
import { certIdOf, encodeOcspRequest, OCSPResponseStatus, readOcspResponse, signOcspResponse } from './ocsp';
import { createAuthority, issueCardCertificate, issueOcspResponderCertificate } from './pki';
import { OcspChecker } from './revocation';
import { freePort, presentCard } from './test-support';
import * as x509 from './x509';

const silent = { info: () => {}, warn: () => {} };
const HELENE = DEMO.persons.legalRepresentative;
const DAY = 86_400_000;

/** A listener on its own test app, the main site listening too (it serves the demo CRL and OCSP responder). */
async function eidSetup(env: Record<string, string>) {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const test = await createTestApp({ PUBLIC_URL: publicUrl, EID_PORT: '0', ...env });
  await loadDemoRegisters(test.ctx.db);
  await test.app.listen({ host: '127.0.0.1', port });
  const listener = await startEidListener(test.ctx, silent);
  const ca = await demoCa(test.ctx);
  return {
    test,
    listener,
    ca,
    present: (card?: Parameters<typeof presentCard>[2]) => presentCard(`https://127.0.0.1:${listener.port}/`, ca.root.certificate.toString('pem'), card),
    lastRefusal: async () =>
      (await test.ctx.db.selectFrom('audit_events').select(['details']).where('action', '=', 'authn.eid.refused').orderBy('seq', 'desc').executeTakeFirstOrThrow()).details,
    async close() {
      await listener.close();
      await test.close();
    },
  };
}

const asCard = (card: Awaited<ReturnType<typeof issueTestCard>>) => ({ issued: card.card, chain: card.chain, serial: card.serial });

describe('OCSP on the eID listener with EID_OCSP=on and the demo responder', () => {
  let setup: Awaited<ReturnType<typeof eidSetup>>;
  beforeAll(async () => {
    setup = await eidSetup({ EID_OCSP: 'on' });
  });
  afterAll(() => setup?.close());

  it('accepts a card the responder named in the certificate says is good', async () => {
    const card = asCard(await issueTestCard(setup.test.ctx, HELENE));
    expect((await setup.present(card)).status).toBe(303);
  });

  it('refuses a revoked card as soon as the responder knows, before the next CRL lists it', async () => {
    const card = asCard(await issueTestCard(setup.test.ctx, DEMO.persons.auditor));
    await revokeTestCard(setup.test.ctx, card.serial);
    // The listener still holds the CRL fetched for the previous card, which does not list this one: OCSP refuses it.
    const answer = await setup.present(card);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('This certificate has been revoked');
    expect(await setup.lastRefusal()).toMatchObject({ reason: 'revoked', serial: card.serial, detail: expect.stringMatching(/^OCSP http:\/\/127\.0\.0\.1:\d+\/eid\/demo-ocsp: since /) });
  });

  it('keeps an answer per certificate until its nextUpdate, then asks again', async () => {
    const card = asCard(await issueTestCard(setup.test.ctx, DEMO.persons.citizen));
    expect((await setup.present(card)).status).toBe(303);
    await revokeTestCard(setup.test.ctx, card.serial);
    expect((await setup.present(card)).status).toBe(303);
    setup.test.ctx.clock.advance(DEMO_OCSP_LIFETIME_MS + 1_000);
    const answer = await setup.present(card);
    expect(answer.status).toBe(403);
    expect(await setup.lastRefusal()).toMatchObject({ reason: 'revoked', serial: card.serial });
  });

  it('refuses a card of the trusted CA that the responder does not know, with a clear page', async () => {
    const { ca, test } = setup;
    const now = test.ctx.clock.now();
    const issued = await issueCardCertificate(ca.citizen, {
      nrn: HELENE, givenNames: 'Hélène', surname: 'Vandenbroucke', notBefore: now, notAfter: new Date(now.getTime() + DAY),
      crlUrl: demoCrlUrl(test.ctx.config), ocspUrl: demoOcspUrl(test.ctx.config),
    });
    const answer = await setup.present({ issued, chain: [ca.citizen.certificate] });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('We could not check whether this certificate was revoked.');
    expect(await setup.lastRefusal()).toMatchObject({ reason: 'revocation_unknown', detail: expect.stringContaining('certificate unknown to the responder') });
  });

  it('refuses a card that names no OCSP responder', async () => {
    const { ca, test } = setup;
    const now = test.ctx.clock.now();
    const issued = await issueCardCertificate(ca.citizen, {
      nrn: HELENE, givenNames: 'Hélène', surname: 'Vandenbroucke', notBefore: now, notAfter: new Date(now.getTime() + DAY), crlUrl: demoCrlUrl(test.ctx.config),
    });
    expect((await setup.present({ issued, chain: [ca.citizen.certificate] })).status).toBe(403);
    expect(await setup.lastRefusal()).toMatchObject({ reason: 'revocation_unknown', detail: 'no OCSP responder' });
  });

  it('serves signed answers over HTTP, by its delegated responder, with the nonce it was sent', async () => {
    const { ca, test } = setup;
    const card = await issueTestCard(test.ctx, DEMO.persons.cpasChair);
    const nonce = randomBytes(16);
    const response = await test.app.inject({
      method: 'POST',
      url: '/eid/demo-ocsp',
      headers: { 'content-type': 'application/ocsp-request' },
      payload: encodeOcspRequest(certIdOf(card.card.certificate, ca.citizen.certificate), nonce),
    });
    expect(response.headers['content-type']).toBe('application/ocsp-response');
    const now = test.ctx.clock.now();
    const read = await readOcspResponse(new Uint8Array(response.rawPayload).buffer, { cert: card.card.certificate, issuer: ca.citizen.certificate, nonce, now });
    expect(read).toMatchObject({ status: 'good', thisUpdate: now, nextUpdate: new Date(now.getTime() + DEMO_OCSP_LIFETIME_MS) });

    const garbage = await test.app.inject({ method: 'POST', url: '/eid/demo-ocsp', headers: { 'content-type': 'application/ocsp-request' }, payload: Buffer.from('not DER') });
    await expect(readOcspResponse(new Uint8Array(garbage.rawPayload).buffer, { cert: card.card.certificate, issuer: ca.citizen.certificate, nonce, now })).rejects.toThrow(
      `responder answered ${OCSPResponseStatus[OCSPResponseStatus.malformedRequest]}`,
    );
  });
});

describe('OCSP with an unreachable EID_OCSP_URL', () => {
  let setup: Awaited<ReturnType<typeof eidSetup>>;
  let ocspUrl: string;
  beforeAll(async () => {
    ocspUrl = `http://127.0.0.1:${await freePort()}/ocsp`;
    setup = await eidSetup({ EID_OCSP_URL: ocspUrl });
  });
  afterAll(() => setup?.close());

  it('fails closed: the card is refused with the page that says revocation could not be checked', async () => {
    const card = asCard(await issueTestCard(setup.test.ctx, HELENE));
    const answer = await setup.present(card);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('We could not check whether this certificate was revoked.');
    expect(await setup.lastRefusal()).toMatchObject({ reason: 'revocation_unknown', serial: card.serial, detail: expect.stringContaining(`OCSP ${ocspUrl}: `) });
  });
});

describe('the OCSP checker trusts only answers of the issuing CA', () => {
  let test: TestApp;
  let ca: DemoCa;
  const clock = new TestClock();
  beforeAll(async () => {
    test = await createTestApp();
    await loadDemoRegisters(test.ctx.db);
    ca = await demoCa(test.ctx);
  });
  afterAll(() => test?.close());

  /** A checker whose "responder" answers with what `sign` makes of the request's CertID. */
  async function checkWith(sign: (certId: ReturnType<typeof certIdOf>) => Promise<Buffer>) {
    const card = await issueTestCard(test.ctx, HELENE);
    const certId = certIdOf(card.card.certificate, ca.citizen.certificate);
    const checker = new OcspChecker(clock, { url: 'http://ocsp.test/', post: async () => new Uint8Array(await sign(certId)).buffer });
    return checker.check(card.card.certificate, ca.citizen.certificate);
  }
  const good = (certId: ReturnType<typeof certIdOf>) => [{ certId, status: { good: true as const }, thisUpdate: clock.now(), nextUpdate: new Date(clock.now().getTime() + 60_000) }];
  const refusal = (promise: Promise<void>) => promise.then(() => undefined, (error: CertificateRefused) => ({ reason: error.reason, detail: error.detail }));

  it('accepts an answer signed by the CA itself', async () => {
    await expect(checkWith((certId) => signOcspResponse({ signer: ca.citizen, answers: good(certId), producedAt: clock.now() }))).resolves.toBeUndefined();
  });

  it('refuses an answer signed by a responder of another CA', async () => {
    const now = clock.now();
    const foreign = await createAuthority({ name: [{ CN: ['Citizen CA'] }], notBefore: now, notAfter: new Date(now.getTime() + DAY), bits: 2048 });
    const responder = await issueOcspResponderCertificate(foreign, { name: [{ CN: ['OCSP'] }], notBefore: now, notAfter: new Date(now.getTime() + DAY) });
    expect(await refusal(checkWith((certId) => signOcspResponse({ signer: responder, answers: good(certId), producedAt: now })))).toEqual({
      reason: 'revocation_unknown',
      detail: expect.stringContaining('is not certified by'),
    });
  });

  it('refuses an answer signed by a certificate of the CA that is not meant for OCSP', async () => {
    const now = clock.now();
    const cardKey = await issueCardCertificate(ca.citizen, { nrn: HELENE, givenNames: 'H', surname: 'V', notBefore: now, notAfter: new Date(now.getTime() + DAY) });
    expect(await refusal(checkWith((certId) => signOcspResponse({ signer: cardKey, answers: good(certId), producedAt: now })))).toEqual({
      reason: 'revocation_unknown',
      detail: expect.stringContaining('may not sign OCSP answers'),
    });
  });

  it('refuses a stale answer and one with another request’s nonce', async () => {
    const old = new Date(clock.now().getTime() - 2 * 60_000);
    const stale = (certId: ReturnType<typeof certIdOf>) => [{ certId, status: { good: true as const }, thisUpdate: old, nextUpdate: new Date(old.getTime() + 60_000) }];
    expect(await refusal(checkWith((certId) => signOcspResponse({ signer: ca.ocsp, answers: stale(certId), producedAt: old })))).toEqual({
      reason: 'revocation_unknown',
      detail: expect.stringContaining('stale answer'),
    });
    expect(await refusal(checkWith((certId) => signOcspResponse({ signer: ca.ocsp, answers: good(certId), producedAt: clock.now(), nonce: randomBytes(16) })))).toEqual({
      reason: 'revocation_unknown',
      detail: expect.stringContaining('nonce'),
    });
  });

  it('gives a demo CA from before the OCSP responder one, certified by its citizen CA', async () => {
    await test.ctx.db.deleteFrom('eid_demo_authorities').where('name', '=', 'ocsp').execute();
    // Another handle on the same database: the demo CA is read again rather than taken from memory.
    const again = await demoCa({ ...test.ctx, db: test.ctx.db.withoutPlugins() });
    expect(again.citizen.certificate.equal(ca.citizen.certificate)).toBe(true);
    expect(again.ocsp.certificate.equal(ca.ocsp.certificate)).toBe(false);
    expect(await again.ocsp.certificate.verify({ publicKey: ca.citizen.certificate, signatureOnly: true })).toBe(true);
    expect(again.ocsp.certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual(['1.3.6.1.5.5.7.3.9']);
    const rows = await test.ctx.db.selectFrom('eid_demo_authorities').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['citizen', 'ocsp', 'root', 'tls']);
  });

  it('refuses an answer about another certificate', async () => {
    const other = await issueTestCard(test.ctx, HELENE);
    const otherId = certIdOf(other.card.certificate, ca.citizen.certificate);
    expect(await refusal(checkWith(() => signOcspResponse({ signer: ca.ocsp, answers: good(otherId), producedAt: clock.now() })))).toEqual({
      reason: 'revocation_unknown',
      detail: expect.stringContaining('no answer about this certificate'),
    });
  });
});
