import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TLSSocket, type DetailedPeerCertificate } from 'node:tls';
import * as x509 from './x509';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { buildApp } from '../../platform/http/app';
import { LANGUAGES } from '../../platform/i18n/languages';
import { translator } from '../../platform/i18n/translate';
import { checkNrn } from '../../registries/identifiers';
import { demoCa } from './demo-ca';
import { CertificateRefused, OID, formatName } from './model';
import { privateKeyPem } from './pki';
import { CrlChecker, OcspChecker } from './revocation';
import { checkRegisteredPerson, createHandoff, recordRefusal } from './service';
import { trustStoreFromFiles, verifyAuthenticationCertificate, type RevocationChecker, type TrustStore, type VerifiedCertificate } from './verify';
import { EidRefusedPage } from './views/refused-page';

/**
 * The eID card key's own HTTPS listener. It asks for a TLS client
 * certificate but accepts the handshake whatever comes, so that a missing,
 * expired, revoked or foreign certificate gets a clear page instead of a
 * browser's TLS error. A verified one becomes a single-use code that the
 * browser carries back to the main site.
 */

export interface EidVerifier {
  trust: TrustStore;
  verify(chainDer: Buffer[]): Promise<VerifiedCertificate>;
}

/** Trust anchors from EID_TRUST_ANCHORS, or the demo CA; revocation by CRL (and OCSP when configured). */
export async function createEidVerifier(ctx: AppContext): Promise<EidVerifier> {
  let trust: TrustStore;
  if (ctx.config.eid.trustAnchors.length > 0) {
    trust = await trustStoreFromFiles(ctx.config.eid.trustAnchors);
  } else if (ctx.config.eid.demoCa) {
    const ca = await demoCa(ctx);
    trust = { anchors: [ca.root.certificate], intermediates: [ca.citizen.certificate] };
  } else {
    trust = { anchors: [], intermediates: [] };
  }
  const { ocsp } = ctx.config.eid;
  const revocation: RevocationChecker[] = [
    new CrlChecker(ctx.clock, { url: ctx.config.eid.crlUrl }),
    ...(ocsp.mode === 'off' ? [] : [new OcspChecker(ctx.clock, { url: ocsp.mode === 'url' ? ocsp.url : undefined })]),
  ];
  return { trust, verify: (chainDer) => verifyAuthenticationCertificate(chainDer, { trust, clock: ctx.clock, revocation }) };
}

/** The certificates the client sent, leaf first. */
export function peerChain(socket: unknown): Buffer[] {
  if (!(socket instanceof TLSSocket)) return [];
  const chain: Buffer[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !chain.some((c) => c.equals(cert!.raw))) {
    chain.push(cert.raw);
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** What a refused certificate said about itself, for the audit event. */
function describe(der: Buffer | undefined) {
  if (!der) return {};
  try {
    const cert = new x509.X509Certificate(new Uint8Array(der));
    const serialNumber = cert.subjectName.getField(OID.serialNumber)[0] ?? '';
    const nrn = checkNrn(serialNumber);
    return { subject: formatName(cert.subjectName), issuer: formatName(cert.issuerName), serial: cert.serialNumber.toLowerCase(), nrn: nrn.ok ? nrn.value.nrn : undefined };
  } catch {
    return { subject: 'unreadable' };
  }
}

const listenerQuery = z.object({ lang: z.enum(LANGUAGES).optional().catch(undefined) });

/** The listener's one page: verify, then hand off to the main site or explain the refusal. */
export function eidListenerRoutes(ctx: AppContext, verifier: EidVerifier) {
  return (app: FastifyInstance) => {
    app.get('/', async (request, reply) => {
      const { lang } = listenerQuery.parse(request.query);
      if (lang) {
        request.lang = lang;
        request.t = translator(lang);
      }
      const chain = peerChain(request.raw.socket);
      try {
        const verified = await verifier.verify(chain);
        await checkRegisteredPerson(ctx, verified);
        const code = await createHandoff(ctx, verified, request.id);
        return reply.header('cache-control', 'no-store').redirect(`${ctx.config.publicUrl}/login/eid/complete?${new URLSearchParams({ code })}`, 303);
      } catch (error) {
        if (!(error instanceof CertificateRefused)) throw error;
        request.log.info({ reason: error.reason, detail: error.detail }, 'eID certificate refused');
        await recordRefusal(ctx, { reason: error.reason, detail: error.detail, ...describe(chain[0]) }, request.id);
        const retryUrl = `${ctx.config.eid.publicUrl}/?${new URLSearchParams({ lang: request.lang })}`;
        return reply.render(<EidRefusedPage reason={error.reason} retryUrl={retryUrl} otherKeyUrl={`${ctx.config.publicUrl}/login`} />, 403);
      }
    });
  };
}

async function tlsCredentials(ctx: AppContext, log: Pick<FastifyBaseLogger, 'warn'>): Promise<{ cert: string; key: string }> {
  const { tlsCert, tlsKey } = ctx.config.eid;
  if (tlsCert && tlsKey) return { cert: await readFile(tlsCert, 'utf8'), key: await readFile(tlsKey, 'utf8') };
  if (ctx.config.env === 'production') log.warn('EID_TLS_CERT/EID_TLS_KEY are not set: the eID listener uses a certificate of the DEMO CA, which browsers do not trust.');
  const ca = await demoCa(ctx);
  return { cert: [ca.tls.certificate, ca.root.certificate].map((c) => c.toString('pem')).join('\n'), key: await privateKeyPem(ca.tls.keys.privateKey) };
}

export interface EidListener {
  port: number;
  close(): Promise<void>;
}

/** Starts the eID listener on EID_PORT beside the main one; `close` stops it. */
export async function startEidListener(ctx: AppContext, log: Pick<FastifyBaseLogger, 'info' | 'warn'>): Promise<EidListener> {
  if (!ctx.config.eid.demoCa && ctx.config.eid.trustAnchors.length === 0) {
    log.warn('No EID_TRUST_ANCHORS in production: the eID listener refuses every certificate until trust anchors are configured.');
  } else if (ctx.config.eid.demoCa) {
    log.warn('The eID key trusts the DEMO certification authority (no EID_TRUST_ANCHORS): for development only.');
  }
  const verifier = await createEidVerifier(ctx);
  const app = await buildApp(ctx, [eidListenerRoutes(ctx, verifier)]);
  await app.ready();
  const credentials = await tlsCredentials(ctx, log);
  const server: Server = createServer(
    {
      ...credentials,
      requestCert: true,
      rejectUnauthorized: false,
      // Sent as the acceptable issuers: the browser offers only the certificates of these authorities.
      ca: [...verifier.trust.anchors, ...verifier.trust.intermediates].map((c) => c.toString('pem')),
    },
    (req, res) => app.routing(req, res),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.config.eid.port, ctx.config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  log.info({ port, publicUrl: ctx.config.eid.publicUrl }, 'eID listener is ready');
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
