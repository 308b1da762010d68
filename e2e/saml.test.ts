import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadDemoRegisters, DEMO } from '../src/registries/demo';
import { saveServiceProvider } from '../src/saml/service-providers';
import { serviceProvider } from '../src/saml/testing/service-provider';
import { browserAvailable, pageErrors } from './support/browser';
import { identifyInBrowser } from './support/identify';
import { browserSuite } from './support/suite';

/**
 * A SAML service provider on its own port (node-saml), an application a
 * person opens in Chromium: it sends them to Sésame, and our page posts the
 * signed Response back to it by itself (its inline script and the form
 * target allowed by the page's Content-Security-Policy).
 */
async function startServiceProvider(publicUrl: string, baseUrl: string, idpCert: string) {
  let sp: ReturnType<typeof serviceProvider> | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/login') {
        // The IdP checks the Destination against its PUBLIC_URL; the browser goes to the port it listens on.
        const url = new URL(await sp!.getAuthorizeUrlAsync('', undefined, {}));
        res.writeHead(302, { location: `${baseUrl}${url.pathname}${url.search}` }).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const { profile } = await sp!.validatePostResponseAsync({ SAMLResponse: form.get('SAMLResponse') ?? '' });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>SP</title><h1>Hello ${String(profile?.givenName)}</h1>`);
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sp = serviceProvider({ issuer: `${origin}/saml`, callbackUrl: `${origin}/acs`, idpCert, entryPoint: `${publicUrl}/saml/sso` });
  return { origin, entityId: `${origin}/saml`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.skipIf(!browserAvailable())('SAML single sign-on in Chromium', () => {
  const suite = browserSuite(undefined, async (server) => {
    await loadDemoRegisters(server.ctx.db);
    // node-saml checks the assertion's validity window against the real clock.
    server.ctx.clock.set(new Date());
  });

  it('a person with a session opens a SAML application and lands in it, identified, without a click', async () => {
    const metadata = await (await fetch(`${suite.server.baseUrl}/saml/metadata`)).text();
    const idpCert = /<(?:ds:)?X509Certificate>([^<]+)</.exec(metadata)![1]!;
    const publicUrl = suite.server.ctx.config.publicUrl;
    const sp = await startServiceProvider(publicUrl, suite.server.baseUrl, idpCert);
    try {
      await saveServiceProvider(suite.server.ctx, { entity_id: sp.entityId, acs: [`${sp.origin}/acs`] }, 'cli');
      const context = await suite.browser.newContext({ locale: 'en-GB' });
      await identifyInBrowser(suite.server, context, DEMO.persons.citizen, 'itsme');
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(`${sp.origin}/login`);
      await page.waitForURL(`${sp.origin}/acs`);
      expect(await page.textContent('h1')).toBe('Hello Emma');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await sp.close();
    }
  });
});
