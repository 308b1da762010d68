import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as x509 from './x509';
import type { Clock } from '../../platform/clock';
import { CertificateRefused, checkAuthenticationUsage, checkValidity, readIdentity, type CertificateInfo } from './model';

/**
 * Verification of a presented authentication certificate: a chain to a
 * trust anchor (each link's signature, dates and CA constraints), the
 * certificate's own dates and key usage, its revocation, and the national
 * register number it carries.
 */

export interface TrustStore {
  /** Self-signed roots. */
  anchors: x509.X509Certificate[];
  /** Intermediate CAs known in advance (the client may also send them). */
  intermediates: x509.X509Certificate[];
}

export interface VerifiedCertificate {
  nrn: string;
  info: CertificateInfo;
  /** SHA-256 of the DER, hexadecimal. */
  fingerprint: string;
}

export interface RevocationChecker {
  check(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<void>;
}

export async function trustStoreFromPem(pems: string[]): Promise<TrustStore> {
  const store: TrustStore = { anchors: [], intermediates: [] };
  for (const pem of pems) {
    for (const der of x509.PemConverter.decode(pem)) {
      const cert = new x509.X509Certificate(der);
      (await cert.isSelfSigned()) ? store.anchors.push(cert) : store.intermediates.push(cert);
    }
  }
  return store;
}

export async function trustStoreFromFiles(files: string[]): Promise<TrustStore> {
  return trustStoreFromPem(await Promise.all(files.map((f) => readFile(f, 'utf8'))));
}

const MAX_CHAIN = 5;

function sameCertificate(a: x509.X509Certificate, b: x509.X509Certificate) {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

async function signedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (cert.issuerName.toString() !== issuer.subjectName.toString()) return false;
  try {
    return await cert.verify({ publicKey: issuer, signatureOnly: true });
  } catch {
    return false;
  }
}

function checkAuthority(ca: x509.X509Certificate, below: number) {
  const basic = ca.getExtension(x509.BasicConstraintsExtension);
  const usage = ca.getExtension(x509.KeyUsagesExtension);
  if (!basic?.ca) throw new CertificateRefused('untrusted', `${ca.subject} is not a CA`);
  if (basic.pathLength !== undefined && below > basic.pathLength) throw new CertificateRefused('untrusted', `${ca.subject}: path length`);
  if (usage && (usage.usages & x509.KeyUsageFlags.keyCertSign) === 0) throw new CertificateRefused('untrusted', `${ca.subject} may not sign certificates`);
}

/** leaf → … → anchor; every CA found among the presented and known ones must be valid now. */
async function buildChain(leaf: x509.X509Certificate, presented: x509.X509Certificate[], trust: TrustStore, now: Date): Promise<x509.X509Certificate[]> {
  const pool = [...trust.intermediates, ...presented.filter((p) => !sameCertificate(p, leaf))];
  const chain = [leaf];
  for (let current = leaf; chain.length <= MAX_CHAIN; ) {
    const anchor = await firstAsync(trust.anchors, (a) => signedBy(current, a));
    if (anchor) {
      checkAuthority(anchor, chain.length - 1);
      if (now < anchor.notBefore || now > anchor.notAfter) throw new CertificateRefused('untrusted', `${anchor.subject} is not valid now`);
      return [...chain, anchor];
    }
    const next = await firstAsync(pool, async (p) => !chain.some((c) => sameCertificate(c, p)) && !(await p.isSelfSigned()) && signedBy(current, p));
    if (!next) throw new CertificateRefused('untrusted', `no trusted issuer for ${current.subject}`);
    checkAuthority(next, chain.length - 1);
    if (now < next.notBefore || now > next.notAfter) throw new CertificateRefused('untrusted', `${next.subject} is not valid now`);
    chain.push(next);
    current = next;
  }
  throw new CertificateRefused('untrusted', 'chain too long');
}

async function firstAsync<T>(items: T[], test: (item: T) => Promise<boolean>): Promise<T | undefined> {
  for (const item of items) if (await test(item)) return item;
  return undefined;
}

/**
 * Verifies a certificate as presented in a TLS handshake (`chainDer[0]` is
 * the leaf). Throws CertificateRefused with the reason to show.
 */
export async function verifyAuthenticationCertificate(
  chainDer: Buffer[],
  deps: { trust: TrustStore; clock: Clock; revocation: RevocationChecker[] },
): Promise<VerifiedCertificate> {
  if (chainDer.length === 0) throw new CertificateRefused('no_certificate');
  let presented: x509.X509Certificate[];
  try {
    presented = chainDer.map((der) => new x509.X509Certificate(new Uint8Array(der)));
  } catch {
    throw new CertificateRefused('untrusted', 'unreadable certificate');
  }
  const leaf = presented[0]!;
  const now = deps.clock.now();
  const chain = await buildChain(leaf, presented.slice(1), deps.trust, now);
  checkValidity(leaf, now);
  checkAuthenticationUsage(leaf);
  const identity = readIdentity(leaf);
  for (const checker of deps.revocation) await checker.check(leaf, chain[1]!);
  return { ...identity, fingerprint: createHash('sha256').update(Buffer.from(leaf.rawData)).digest('hex') };
}
