import { createHash, randomBytes } from 'node:crypto';
import * as x509 from './x509';
import type { Clock } from '../../platform/clock';
import { CertificateRefused, crlDistributionPoint, ocspResponder } from './model';
import { certIdOf, encodeOcspRequest, readOcspResponse, type OcspResult } from './ocsp';

/**
 * Revocation by CRL: fetched from the certificate's distribution point (or
 * a configured URL), its signature checked against the issuer, and kept
 * until its nextUpdate. A CRL that cannot be had, or is stale, refuses the
 * certificate: an unknown revocation status is not a good one.
 * Revocation by OCSP, when configured, likewise (OcspChecker below).
 */

const FETCH_TIMEOUT_MS = 5_000;
// A CRL without nextUpdate is asked for again after this long.
const DEFAULT_CACHE_MS = 60 * 60_000;

export type Fetcher = (url: string) => Promise<ArrayBuffer>;

export const httpFetcher: Fetcher = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.arrayBuffer();
};

interface Cached {
  crl: x509.X509Crl;
  until: Date;
}

export class CrlChecker {
  private cache = new Map<string, Cached>();
  private inflight = new Map<string, Promise<Cached>>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { url?: string; fetch?: Fetcher } = {},
  ) {}

  /** Throws CertificateRefused('revoked' | 'revocation_unknown') unless `cert` is absent from its issuer's current CRL. */
  async check(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<void> {
    const url = this.options.url ?? crlDistributionPoint(cert);
    if (!url) throw new CertificateRefused('revocation_unknown', 'no CRL distribution point');
    const crl = await this.crl(url, issuer);
    const entry = crl.findRevoked(cert.serialNumber);
    if (entry && entry.revocationDate <= this.clock.now()) throw new CertificateRefused('revoked', `since ${entry.revocationDate.toISOString()}`);
  }

  private async crl(url: string, issuer: x509.X509Certificate): Promise<x509.X509Crl> {
    const now = this.clock.now();
    const cached = this.cache.get(url);
    if (cached && now < cached.until) return cached.crl;
    let pending = this.inflight.get(url);
    if (!pending) {
      pending = this.download(url, issuer).finally(() => this.inflight.delete(url));
      this.inflight.set(url, pending);
    }
    return (await pending).crl;
  }

  private async download(url: string, issuer: x509.X509Certificate): Promise<Cached> {
    let crl: x509.X509Crl;
    try {
      crl = new x509.X509Crl(await (this.options.fetch ?? httpFetcher)(url));
    } catch (error) {
      throw new CertificateRefused('revocation_unknown', `CRL ${url}: ${(error as Error).message}`);
    }
    const signed = crl.issuerName.toString() === issuer.subjectName.toString() && (await crl.verify({ publicKey: issuer })).valueOf();
    if (!signed) throw new CertificateRefused('revocation_unknown', `CRL ${url} is not signed by ${issuer.subject}`);
    const now = this.clock.now();
    if (crl.nextUpdate && crl.nextUpdate <= now) throw new CertificateRefused('revocation_unknown', `CRL ${url} is stale since ${crl.nextUpdate.toISOString()}`);
    const cached = { crl, until: crl.nextUpdate ?? new Date(now.getTime() + DEFAULT_CACHE_MS) };
    this.cache.set(url, cached);
    return cached;
  }
}

export type Poster = (url: string, body: Buffer, contentType: string) => Promise<ArrayBuffer>;

export const httpPoster: Poster = async (url, body, contentType) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/ocsp-response' },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: 'follow',
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.arrayBuffer();
};

// An answer is kept until its nextUpdate, but never longer than this; one without nextUpdate this long.
const OCSP_MAX_CACHE_MS = 5 * 60_000;
const OCSP_DEFAULT_CACHE_MS = 60_000;
const OCSP_CACHE_ENTRIES = 10_000;

interface CachedStatus {
  result: OcspResult;
  until: Date;
}

/**
 * Revocation by OCSP: asks the configured responder (`url`), or the one
 * the certificate names in its authority information access, with a
 * nonce; the answer must be signed by the issuer or a responder it
 * delegated to. Kept per certificate until its nextUpdate (at most five
 * minutes). "unknown", an error status, a bad answer or no answer refuse
 * the certificate, like a missing CRL.
 */
export class OcspChecker {
  private cache = new Map<string, CachedStatus>();
  private inflight = new Map<string, Promise<CachedStatus>>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { url?: string; post?: Poster } = {},
  ) {}

  /** Throws CertificateRefused('revoked' | 'revocation_unknown') unless the responder says `cert` is good. */
  async check(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<void> {
    const url = this.options.url ?? ocspResponder(cert);
    if (!url) throw new CertificateRefused('revocation_unknown', 'no OCSP responder');
    const key = `${createHash('sha256').update(Buffer.from(cert.rawData)).digest('hex')}@${url}`;
    const { result } = await this.status(key, () => this.ask(url, cert, issuer));
    if (result.status === 'revoked' && result.revokedAt! <= this.clock.now()) {
      throw new CertificateRefused('revoked', `OCSP ${url}: since ${result.revokedAt!.toISOString()}`);
    }
    if (result.status === 'unknown') throw new CertificateRefused('revocation_unknown', `OCSP ${url}: certificate unknown to the responder`);
  }

  private async status(key: string, ask: () => Promise<CachedStatus>): Promise<CachedStatus> {
    const cached = this.cache.get(key);
    if (cached && this.clock.now() < cached.until) return cached;
    this.cache.delete(key);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = ask()
        .then((fresh) => {
          this.remember(key, fresh);
          return fresh;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  // One entry per certificate seen: expired ones go when the cache is full, then the oldest.
  private remember(key: string, status: CachedStatus) {
    if (this.cache.size >= OCSP_CACHE_ENTRIES) {
      const now = this.clock.now();
      for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
      for (const k of this.cache.keys()) {
        if (this.cache.size < OCSP_CACHE_ENTRIES) break;
        this.cache.delete(k);
      }
    }
    this.cache.set(key, status);
  }

  private async ask(url: string, cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<CachedStatus> {
    const nonce = randomBytes(16);
    try {
      const der = await (this.options.post ?? httpPoster)(url, encodeOcspRequest(certIdOf(cert, issuer), nonce), 'application/ocsp-request');
      const now = this.clock.now();
      const result = await readOcspResponse(der, { cert, issuer, nonce, now });
      const longest = now.getTime() + OCSP_MAX_CACHE_MS;
      const until = new Date(Math.min(result.nextUpdate?.getTime() ?? now.getTime() + OCSP_DEFAULT_CACHE_MS, longest));
      return { result, until };
    } catch (error) {
      throw new CertificateRefused('revocation_unknown', `OCSP ${url}: ${(error as Error).message}`);
    }
  }
}
