import { createHash, createPublicKey, verify as verifySignature, webcrypto } from 'node:crypto';
import * as ocsp from '@peculiar/asn1-ocsp';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Extension } from '@peculiar/asn1-x509';
import type { Issued } from './pki';
import * as x509 from './x509';

export { OCSPResponseStatus } from '@peculiar/asn1-ocsp';

/**
 * OCSP (RFC 6960) as the eID key speaks it, on @peculiar/asn1-ocsp: the
 * request the listener sends, the checks on the answer (signed by the
 * issuing CA or a responder it delegated to, about this very certificate,
 * fresh, with our nonce when it echoes one), and the signed answers the
 * demo responder (and tests) make.
 */

const SHA1 = '1.3.14.3.2.26';
const HASHES: Record<string, string> = {
  [SHA1]: 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
// Signature algorithms of an answer, by OID, with the hash node:crypto verifies them with.
const SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
// A responder's clock may run a little ahead of ours.
const CLOCK_SKEW_MS = 5 * 60_000;
// An answer without nextUpdate is taken only while this young.
const MAX_AGE_WITHOUT_NEXT_UPDATE_MS = 60 * 60_000;

export class OcspError extends Error {
  override name = 'OcspError';
}

const bytes = (data: ArrayBuffer | ArrayBufferView) => (ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
const digest = (hash: string, data: ArrayBuffer) => createHash(hash).update(bytes(data)).digest();
// INTEGER contents: a leading zero byte only keeps the number positive.
const serialBytes = (serial: ArrayBuffer) => bytes(serial).subarray(bytes(serial)[0] === 0 && serial.byteLength > 1 ? 1 : 0);

function partsOf(cert: x509.X509Certificate) {
  const tbs = AsnConvert.parse(cert.rawData, Certificate).tbsCertificate;
  return { subject: AsnConvert.serialize(tbs.subject), key: tbs.subjectPublicKeyInfo.subjectPublicKey, serial: tbs.serialNumber };
}

/** What names `cert` to its issuer's responder: hashes of the issuer's name and key, and the serial number (SHA-1 by default, as RFC 5019 has it). */
export function certIdOf(cert: x509.X509Certificate, issuer: x509.X509Certificate, hashOid = SHA1): ocsp.CertID {
  const hash = HASHES[hashOid];
  if (!hash) throw new OcspError(`unsupported CertID hash ${hashOid}`);
  const i = partsOf(issuer);
  return new ocsp.CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: hashOid, parameters: null }),
    issuerNameHash: new OctetString(digest(hash, i.subject)),
    issuerKeyHash: new OctetString(digest(hash, i.key)),
    serialNumber: partsOf(cert).serial,
  });
}

/** Whether a CertID (as a responder received it) names a certificate of `issuer`; the serial is for the caller to look up. */
export function isIssuedBy(id: ocsp.CertID, issuer: x509.X509Certificate): boolean {
  const hash = HASHES[id.hashAlgorithm.algorithm];
  if (!hash) return false;
  const i = partsOf(issuer);
  return digest(hash, i.subject).equals(bytes(id.issuerNameHash.buffer)) && digest(hash, i.key).equals(bytes(id.issuerKeyHash.buffer));
}

/** A CertID's serial number as the demo CA writes it: lower-case hexadecimal without leading zeros. */
export function serialHex(id: ocsp.CertID): string {
  return serialBytes(id.serialNumber).toString('hex').replace(/^0+(?=.)/, '');
}

function sameCertId(a: ocsp.CertID, b: ocsp.CertID): boolean {
  return (
    a.hashAlgorithm.algorithm === b.hashAlgorithm.algorithm &&
    bytes(a.issuerNameHash.buffer).equals(bytes(b.issuerNameHash.buffer)) &&
    bytes(a.issuerKeyHash.buffer).equals(bytes(b.issuerKeyHash.buffer)) &&
    serialBytes(a.serialNumber).equals(serialBytes(b.serialNumber))
  );
}

function nonceExtension(nonce: Buffer): Extension {
  return new Extension({ extnID: ocsp.id_pkix_ocsp_nonce, critical: false, extnValue: new OctetString(AsnConvert.serialize(new ocsp.Nonce(nonce))) });
}

function nonceOf(extensions: Extension[] | undefined): Buffer | undefined {
  const ext = extensions?.find((e) => e.extnID === ocsp.id_pkix_ocsp_nonce);
  return ext && bytes(AsnConvert.parse(ext.extnValue.buffer, ocsp.Nonce).buffer);
}

/** The DER of an OCSP request for one certificate, with a nonce. */
export function encodeOcspRequest(certId: ocsp.CertID, nonce: Buffer): Buffer {
  const request = new ocsp.OCSPRequest({
    tbsRequest: new ocsp.TBSRequest({ requestList: [new ocsp.Request({ reqCert: certId })], requestExtensions: [nonceExtension(nonce)] }),
  });
  return Buffer.from(AsnConvert.serialize(request));
}

/** What a responder reads from a request; throws OcspError on one it cannot read. */
export function decodeOcspRequest(der: Buffer): { certIds: ocsp.CertID[]; nonce?: Buffer } {
  try {
    const request = AsnConvert.parse(der, ocsp.OCSPRequest);
    return { certIds: request.tbsRequest.requestList.map((r) => r.reqCert), nonce: nonceOf(request.tbsRequest.requestExtensions) };
  } catch (error) {
    throw new OcspError(`unreadable OCSP request: ${(error as Error).message}`);
  }
}

export type OcspCertStatus = { good: true } | { revokedAt: Date } | { unknown: true };

export interface OcspAnswer {
  certId: ocsp.CertID;
  status: OcspCertStatus;
  thisUpdate: Date;
  nextUpdate?: Date;
}

function toCertStatus(status: OcspCertStatus): ocsp.CertStatus {
  if ('revokedAt' in status) return new ocsp.CertStatus({ revoked: new ocsp.RevokedInfo({ revocationTime: status.revokedAt }) });
  return 'good' in status ? new ocsp.CertStatus({ good: null }) : new ocsp.CertStatus({ unknown: null });
}

/**
 * A successful answer, signed (SHA-256 with RSA) by `signer`, named by the
 * hash of its key and included in the answer so that a delegated
 * responder's certificate travels with it.
 */
export async function signOcspResponse(params: { signer: Issued; answers: OcspAnswer[]; producedAt: Date; nonce?: Buffer }): Promise<Buffer> {
  const tbsResponseData = new ocsp.ResponseData({
    responderID: new ocsp.ResponderID({ byKey: new OctetString(digest('sha1', partsOf(params.signer.certificate).key)) }),
    producedAt: params.producedAt,
    responses: params.answers.map(
      (a) => new ocsp.SingleResponse({ certID: a.certId, certStatus: toCertStatus(a.status), thisUpdate: a.thisUpdate, nextUpdate: a.nextUpdate }),
    ),
    responseExtensions: params.nonce ? [nonceExtension(params.nonce)] : undefined,
  });
  const tbs = AsnConvert.serialize(tbsResponseData);
  const signature = await webcrypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, params.signer.keys.privateKey as webcrypto.CryptoKey, tbs);
  const basic = new ocsp.BasicOCSPResponse({
    tbsResponseData,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: null }),
    signature,
    certs: [AsnConvert.parse(params.signer.certificate.rawData, Certificate)],
  });
  const response = new ocsp.OCSPResponse({
    responseStatus: ocsp.OCSPResponseStatus.successful,
    responseBytes: new ocsp.ResponseBytes({ responseType: ocsp.id_pkix_ocsp_basic, response: new OctetString(AsnConvert.serialize(basic)) }),
  });
  return Buffer.from(AsnConvert.serialize(response));
}

/** An unsuccessful answer (malformedRequest, unauthorized, …): a status without a signature. */
export function ocspErrorResponse(status: ocsp.OCSPResponseStatus): Buffer {
  return Buffer.from(AsnConvert.serialize(new ocsp.OCSPResponse({ responseStatus: status })));
}


function signatureHolds(basic: ocsp.BasicOCSPResponse, signer: x509.X509Certificate): boolean {
  const hash = SIGNATURES[basic.signatureAlgorithm.algorithm];
  if (!hash) return false;
  const tbs = basic.tbsResponseDataRaw ?? AsnConvert.serialize(basic.tbsResponseData);
  try {
    const key = createPublicKey({ key: bytes(signer.publicKey.rawData), format: 'der', type: 'spki' });
    return verifySignature(hash, bytes(tbs), key, bytes(basic.signature));
  } catch {
    return false;
  }
}

/** The CA itself, or a responder certificate it issued for OCSP signing (RFC 6960 §4.2.2.2), valid now. */
async function authorisedSigner(basic: ocsp.BasicOCSPResponse, issuer: x509.X509Certificate, now: Date): Promise<x509.X509Certificate> {
  const { byKey, byName } = basic.tbsResponseData.responderID;
  const named = (cert: x509.X509Certificate) => {
    const parts = partsOf(cert);
    if (byKey) return digest('sha1', parts.key).equals(bytes(byKey.buffer));
    return byName !== undefined && bytes(AsnConvert.serialize(byName)).equals(bytes(parts.subject));
  };
  const included = (basic.certs ?? []).map((c) => new x509.X509Certificate(AsnConvert.serialize(c)));
  const signer = [issuer, ...included].find((c) => named(c) && signatureHolds(basic, c));
  if (!signer) throw new OcspError('answer not signed by the issuing CA or a responder it names');
  if (signer === issuer) return signer;
  const delegated =
    signer.issuerName.toString() === issuer.subjectName.toString() && (await signer.verify({ publicKey: issuer, signatureOnly: true }).catch(() => false));
  if (!delegated) throw new OcspError(`responder ${signer.subject} is not certified by ${issuer.subject}`);
  if (!signer.getExtension(x509.ExtendedKeyUsageExtension)?.usages.includes(ocsp.id_kp_OCSPSigning)) {
    throw new OcspError(`responder ${signer.subject} may not sign OCSP answers`);
  }
  if (now < signer.notBefore || now > signer.notAfter) throw new OcspError(`responder ${signer.subject} is not valid now`);
  return signer;
}

export interface OcspResult {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

/**
 * Reads a responder's answer about `cert`: throws OcspError unless it is a
 * successful, authentically signed, fresh answer about this certificate
 * (and carries our nonce, when it echoes one).
 */
export async function readOcspResponse(der: ArrayBuffer, expected: { cert: x509.X509Certificate; issuer: x509.X509Certificate; nonce: Buffer; now: Date }): Promise<OcspResult> {
  let basic: ocsp.BasicOCSPResponse;
  try {
    const response = AsnConvert.parse(der, ocsp.OCSPResponse);
    if (response.responseStatus !== ocsp.OCSPResponseStatus.successful) {
      throw new OcspError(`responder answered ${ocsp.OCSPResponseStatus[response.responseStatus] ?? response.responseStatus}`);
    }
    if (response.responseBytes?.responseType !== ocsp.id_pkix_ocsp_basic) throw new OcspError('not a basic OCSP response');
    basic = AsnConvert.parse(response.responseBytes.response.buffer, ocsp.BasicOCSPResponse);
  } catch (error) {
    if (error instanceof OcspError) throw error;
    throw new OcspError(`unreadable answer: ${(error as Error).message}`);
  }
  const { now } = expected;
  await authorisedSigner(basic, expected.issuer, now);
  const echoed = nonceOf(basic.tbsResponseData.responseExtensions);
  if (echoed && !echoed.equals(expected.nonce)) throw new OcspError('answer to another request (nonce)');
  const single = basic.tbsResponseData.responses.find((r) => {
    if (!HASHES[r.certID.hashAlgorithm.algorithm]) return false;
    return sameCertId(r.certID, certIdOf(expected.cert, expected.issuer, r.certID.hashAlgorithm.algorithm));
  });
  if (!single) throw new OcspError('no answer about this certificate');
  if (single.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new OcspError(`answer from the future (${single.thisUpdate.toISOString()})`);
  if (single.nextUpdate ? single.nextUpdate <= now : now.getTime() - single.thisUpdate.getTime() > MAX_AGE_WITHOUT_NEXT_UPDATE_MS) {
    throw new OcspError(`stale answer (${(single.nextUpdate ?? single.thisUpdate).toISOString()})`);
  }
  const { certStatus } = single;
  const status = certStatus.revoked ? 'revoked' : certStatus.good !== undefined ? 'good' : 'unknown';
  return { status, revokedAt: certStatus.revoked?.revocationTime, thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate };
}
