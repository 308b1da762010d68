import { once } from 'node:events';
import { createServer } from 'node:http';
import { randomBytes, webcrypto } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import type { TestApp } from '../../platform/testing/app';
import { x509 } from '../x509';

/**
 * A SAML service provider for tests, driven by @node-saml/node-saml (the
 * library passport-saml uses): not our code, not the library our IdP uses.
 */

export const IDP = 'http://localhost:3000';
export const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';

/** A signing key pair and self-signed certificate, as an SP operator would make with openssl. */
export async function spCredentials(): Promise<{ certificate: string; privateKey: string }> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(8).toString('hex')}`,
    name: 'CN=Test service provider',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    signingAlgorithm: algorithm,
    keys,
  });
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as webcrypto.CryptoKey));
  return { certificate: certificate.toString('pem'), privateKey: x509.PemConverter.encode(der, 'PRIVATE KEY') };
}

/** The IdP's signing certificate, read from its metadata as an SP operator would. */
export async function idpCertificate(t: TestApp): Promise<string> {
  const metadata = await t.app.inject({ method: 'GET', url: '/saml/metadata' });
  const base64 = /<(?:ds:)?X509Certificate>([^<]+)</.exec(metadata.body)?.[1];
  if (!base64) throw new Error('no certificate in the metadata');
  return base64.replace(/\s+/g, '');
}

export function serviceProvider(options: Partial<SamlConfig> & { issuer: string; callbackUrl: string; idpCert: string }): SAML {
  return new SAML({
    entryPoint: `${IDP}/saml/sso`,
    logoutUrl: `${IDP}/saml/slo`,
    audience: options.issuer,
    identifierFormat: TRANSIENT,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    validateInResponseTo: ValidateInResponseTo.always,
    disableRequestedAuthnContext: true,
    ...options,
  });
}

/** Path and query of an absolute URL, for app.inject. */
export function local(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** The hidden fields and action of the auto-submitting page that carries a SAML message. */
export function postedForm(html: string): { action: string; fields: Record<string, string> } {
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  // Our page also has the header's logout form: take the one that carries the message.
  const action = (/<form[^>]*id="saml-post"[^>]*action="([^"]*)"/.exec(html) ?? /<form[^>]*action="([^"]*)"/.exec(html))?.[1];
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]!] = unescape(m[2]!);
  if (!action) throw new Error('no form on the page');
  return { action: unescape(action), fields };
}

/** An SP's SOAP single-logout endpoint on a local port: keeps each LogoutRequest and answers Success. */
export async function startSoapReceiver() {
  const received: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const envelope = Buffer.concat(chunks).toString('utf8');
      const request = /<samlp:LogoutRequest[\s\S]*<\/samlp:LogoutRequest>/.exec(envelope)?.[0] ?? '';
      received.push(request);
      const id = /ID="([^"]+)"/.exec(request)?.[1] ?? '';
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r${Date.now()}" InResponseTo="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse></soap:Body></soap:Envelope>`,
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/saml/slo/soap`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
