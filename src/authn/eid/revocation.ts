import * as x509 from './x509';
import type { Clock } from '../../platform/clock';
import { CertificateRefused, crlDistributionPoint } from './model';

/**
 * Revocation by CRL: fetched from the certificate's distribution point (or
 * a configured URL), its signature checked against the issuer, and kept
 * until its nextUpdate. A CRL that cannot be had, or is stale, refuses the
 * certificate: an unknown revocation status is not a good one.
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
