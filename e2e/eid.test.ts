import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTestCard, revokeTestCard, testCardPkcs12 } from '../src/authn/eid/demo-ca';
import { startEidListener, type EidListener } from '../src/authn/eid/listener';
import { freePort } from '../src/authn/eid/test-support';
import { createTestApp, type TestApp } from '../src/platform/testing/app';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';
import { axeViolations } from './support/axe';
import { browserAvailable, launchBrowser, navigate, pageErrors } from './support/browser';

const PIETER = DEMO.persons.principalAccessManager;

describe.skipIf(!browserAvailable())('identification with the eID card in Chromium', () => {
  let test: TestApp;
  let listener: EidListener;
  let browser: Browser;
  let baseUrl: string;
  let eidUrl: string;
  let dir: string;

  beforeAll(async () => {
    const [port, eidPort] = [await freePort(), await freePort()];
    baseUrl = `http://localhost:${port}`;
    eidUrl = `https://localhost:${eidPort}`;
    // OCSP on, so every card is also checked with the demo CA's responder, as the Belgian cards are with theirs.
    test = await createTestApp({ RATE_LIMIT_PER_MINUTE: '10000', PUBLIC_URL: baseUrl, EID_PORT: String(eidPort), EID_PUBLIC_URL: eidUrl, EID_OCSP: 'on' });
    await loadDemoRegisters(test.ctx.db);
    await test.app.listen({ host: '127.0.0.1', port });
    listener = await startEidListener(test.ctx, { info: () => {}, warn: () => {} });
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'sesame-eid-'));
  });
  afterAll(async () => {
    await browser?.close();
    await listener?.close();
    await test?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('chooses the eID card on /login, presents the certificate and comes back identified', async () => {
    const card = await issueTestCard(test.ctx, PIETER);
    const pfxPath = path.join(dir, 'pieter.p12');
    await writeFile(pfxPath, await testCardPkcs12(card, '1234'));
    const context = await browser.newContext({
      locale: 'fr-BE',
      ignoreHTTPSErrors: true,
      clientCertificates: [{ origin: eidUrl, pfxPath, passphrase: '1234' }],
    });
    const page = await context.newPage();
    const errors = pageErrors(page);

    await page.goto(`${baseUrl}/login`);
    await navigate(page, () => page.getByRole('link', { name: 'Lecteur de carte eID' }).click());
    expect(await page.textContent('h1')).toBe('S’identifier avec votre carte eID');
    expect(await axeViolations(page)).toEqual([]);

    await navigate(page, () => page.getByRole('link', { name: 'Continuer avec ma carte eID' }).click());
    expect(new URL(page.url()).origin).toBe(baseUrl);

    await page.goto(`${baseUrl}/session/status`);
    expect(JSON.parse((await page.textContent('body')) ?? '{}')).toMatchObject({ active: true });
    const [identified] = await test.ctx.db
      .selectFrom('audit_events')
      .select(['actor', 'details'])
      .where('action', '=', 'authn.identified')
      .orderBy('seq', 'desc')
      .execute();
    expect(identified).toMatchObject({ actor: `person:${PIETER}`, details: { key: 'eid', loa: 'high' } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a clear page in the browser for a card revoked a moment ago, which OCSP knows before the next CRL', async () => {
    const card = await issueTestCard(test.ctx, DEMO.persons.coPrincipalAccessManager);
    await revokeTestCard(test.ctx, card.serial);
    const pfxPath = path.join(dir, 'revoked.p12');
    await writeFile(pfxPath, await testCardPkcs12(card, '1234'));
    const context = await browser.newContext({ locale: 'fr-BE', ignoreHTTPSErrors: true, clientCertificates: [{ origin: eidUrl, pfxPath, passphrase: '1234' }] });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login/eid`);
    await navigate(page, () => page.getByRole('link', { name: 'Continuer avec ma carte eID' }).click());
    expect(new URL(page.url()).origin).toBe(eidUrl);
    expect(await page.textContent('[role="alert"]')).toContain('Ce certificat a été révoqué');
    expect(await axeViolations(page)).toEqual([]);
    const [refused] = await test.ctx.db.selectFrom('audit_events').select(['details']).where('action', '=', 'authn.eid.refused').orderBy('seq', 'desc').execute();
    expect(refused!.details).toMatchObject({ reason: 'revoked', serial: card.serial, detail: expect.stringMatching(/^OCSP /) });
    await context.close();
  });

  it('shows a clear page in the browser when no certificate is presented', async () => {
    const context = await browser.newContext({ locale: 'de-BE', ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login/eid`);
    await navigate(page, () => page.getByRole('link', { name: 'Mit meinem eID-Ausweis fortfahren' }).click());
    expect(await page.textContent('h1')).toBe('Ihr eID-Ausweis konnte nicht verwendet werden');
    expect(await page.textContent('[role="alert"]')).toContain('Es wurde kein Zertifikat empfangen.');
    await context.close();
  });
});
