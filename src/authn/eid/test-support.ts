import { request } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { privateKeyPem, type Issued } from './pki';
import type * as x509 from './x509';

/** A free port of the loopback interface, for a listener whose public URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface TlsAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

/**
 * A real TLS request to the eID listener, presenting `card` (with its
 * chain) as the client certificate, or none; the listener's own
 * certificate is checked against `serverCa`.
 */
export async function presentCard(url: string, serverCa: string, card?: { issued: Issued; chain: x509.X509Certificate[] }): Promise<TlsAnswer> {
  const client = card
    ? { key: await privateKeyPem(card.issued.keys.privateKey), cert: [card.issued.certificate, ...card.chain].map((c) => c.toString('pem')).join('\n') }
    : {};
  return new Promise((resolve, reject) => {
    const req = request(url, { ...client, ca: serverCa, agent: false, headers: { 'accept-language': 'en' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
