import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from './x509';
import forge from 'node-forge';
import { cardSubject, OID } from './model';

/**
 * Certificate building blocks (pure apart from key generation): the demo
 * CA uses them, and tests use them to make foreign, expired or odd cards.
 * RSA throughout, like the Belgian CA4 hierarchy and the cards' 2048-bit
 * keys, so that every browser imports the PKCS#12 files.
 */


const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const SIGNING = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

/** A certificate with the private key that goes with it. */
export interface Issued {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export async function generateKeys(modulusLength = 2048): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ ...RSA, modulusLength }, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
}

/** A positive serial number of 16 random bytes, lower-case hexadecimal without a leading zero. */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x6f) | 0x10;
  return bytes.toString('hex');
}

async function keyIdentifiers(subjectKey: CryptoKey, issuer?: Issued) {
  return [
    await x509.SubjectKeyIdentifierExtension.create(subjectKey),
    ...(issuer ? [await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)] : []),
  ];
}

/** A root CA (self-signed) or, with `issuer`, an intermediate CA such as the citizen CA. */
export async function createAuthority(params: { name: x509.JsonName; notBefore: Date; notAfter: Date; issuer?: Issued; pathLength?: number; crlUrl?: string; bits?: number }): Promise<Issued> {
  const keys = await generateKeys(params.bits ?? (params.issuer ? 3072 : 4096));
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, params.pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ...(await keyIdentifiers(keys.publicKey, params.issuer)),
    ...(params.crlUrl ? [new x509.CRLDistributionPointsExtension([params.crlUrl])] : []),
  ];
  const common = { serialNumber: randomSerial(), notBefore: params.notBefore, notAfter: params.notAfter, extensions, signingAlgorithm: SIGNING };
  const certificate = params.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: params.name,
        issuer: params.issuer.certificate.subjectName,
        publicKey: keys.publicKey,
        signingKey: params.issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: params.name, keys });
  return { certificate, keys };
}

/** A card's authentication certificate: digitalSignature, clientAuth, the national number in the subject serialNumber. */
export async function issueCardCertificate(
  issuer: Issued,
  card: { nrn: string; givenNames: string; surname: string; notBefore: Date; notAfter: Date; crlUrl?: string; ocspUrl?: string; serial?: string },
): Promise<Issued> {
  const keys = await generateKeys(2048);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([OID.clientAuth]),
    ...(await keyIdentifiers(keys.publicKey, issuer)),
    ...(card.crlUrl ? [new x509.CRLDistributionPointsExtension([card.crlUrl])] : []),
    ...(card.ocspUrl ? [new x509.AuthorityInfoAccessExtension({ ocsp: card.ocspUrl })] : []),
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: card.serial ?? randomSerial(),
    subject: cardSubject(card),
    issuer: issuer.certificate.subjectName,
    notBefore: card.notBefore,
    notAfter: card.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions,
    signingAlgorithm: SIGNING,
  });
  return { certificate, keys };
}

/** A TLS server certificate for the listener's host names. */
export async function issueServerCertificate(issuer: Issued, params: { hosts: string[]; notBefore: Date; notAfter: Date }): Promise<Issued> {
  const keys = await generateKeys(2048);
  const names = params.hosts.map((host) => (/^[\d.]+$|:/.test(host) ? { type: 'ip' as const, value: host } : { type: 'dns' as const, value: host }));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [{ [OID.commonName]: [params.hosts[0] ?? 'localhost'] }],
    issuer: issuer.certificate.subjectName,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.1']),
      new x509.SubjectAlternativeNameExtension(names),
      ...(await keyIdentifiers(keys.publicKey, issuer)),
    ],
    signingAlgorithm: SIGNING,
  });
  return { certificate, keys };
}

/**
 * A delegated OCSP responder's certificate (RFC 6960 §4.2.2.2): issued by
 * the CA whose certificates it answers for, for OCSP signing only, and
 * marked "no check" so that clients do not ask about the responder itself.
 */
export async function issueOcspResponderCertificate(issuer: Issued, params: { name: x509.JsonName; notBefore: Date; notAfter: Date }): Promise<Issued> {
  const keys = await generateKeys(2048);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: params.name,
    issuer: issuer.certificate.subjectName,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([OID.ocspSigning]),
      // id-pkix-ocsp-nocheck, whose value is NULL.
      new x509.Extension(OID.ocspNoCheck, false, new Uint8Array([0x05, 0x00])),
      ...(await keyIdentifiers(keys.publicKey, issuer)),
    ],
    signingAlgorithm: SIGNING,
  });
  return { certificate, keys };
}

/** A CRL signed by `issuer`, listing the revoked serial numbers. */
export async function createCrl(
  issuer: Issued,
  params: { thisUpdate: Date; nextUpdate: Date; revoked: Array<{ serial: string; at: Date }> },
): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create({
    issuer: issuer.certificate.subjectName,
    thisUpdate: params.thisUpdate,
    nextUpdate: params.nextUpdate,
    entries: params.revoked.map((r) => ({ serialNumber: r.serial, revocationDate: r.at, reason: x509.X509CrlReason.unspecified })),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)],
    signingAlgorithm: SIGNING,
    signingKey: issuer.keys.privateKey,
  });
}

export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey));
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** Rebuilds a key pair from a certificate and its PKCS#8 private key (PEM). */
export async function importIssued(certificatePem: string, keyPem: string): Promise<Issued> {
  const certificate = new x509.X509Certificate(certificatePem);
  const der = x509.PemConverter.decodeFirst(keyPem);
  const privateKey = (await webcrypto.subtle.importKey('pkcs8', der, SIGNING, true, ['sign'])) as unknown as CryptoKey;
  const publicKey = await certificate.publicKey.export(SIGNING, ['verify']);
  return { certificate, keys: { privateKey, publicKey } };
}

/**
 * A PKCS#12 file a browser imports: the card's key and certificate with
 * the chain. 3DES and a SHA-1 MAC: what every browser and key store
 * (Windows, macOS, NSS, OpenSSL 3 without the legacy provider) accepts.
 */
export async function toPkcs12(card: Issued, chain: x509.X509Certificate[], password: string, friendlyName: string): Promise<Buffer> {
  const key = forge.pki.privateKeyFromPem(await privateKeyPem(card.keys.privateKey));
  const certificates = [card.certificate, ...chain].map((c) => forge.pki.certificateFromPem(c.toString('pem')));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certificates, password, { algorithm: '3des', friendlyName, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
