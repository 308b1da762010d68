import { randomBytes, webcrypto } from 'node:crypto';
import { decrypt, encrypt, encryptionKey } from '../oidc/crypto';
import type { AppContext } from '../platform/context';
import { findSigningKey, insertSigningKeyIfNone } from './store';
import { x509 } from './x509';

/** The IdP's signing certificate and its private key (PKCS#8 PEM), as samlify takes them. */
export interface SigningKey {
  certificate: string;
  privateKey: string;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cookieSecret' | 'config'>;

// The same mechanism as the OpenID signing keys (AES-256-GCM, key derived from the platform secret), another purpose.
const PURPOSE = 'saml-signing-key';
const VALIDITY_YEARS = 10;

async function generate(ctx: Ctx): Promise<SigningKey> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const now = ctx.clock.now();
  const host = new URL(ctx.config.publicUrl).hostname.replace(/[,=+<>#;"\\]/g, '');
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/, '1'),
    name: `CN=Sésame SAML signing (${host})`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALIDITY_YEARS * 365 * 86_400_000),
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as webcrypto.CryptoKey));
  return { certificate: certificate.toString('pem'), privateKey: x509.PemConverter.encode(der, 'PRIVATE KEY') };
}

/**
 * The signing key pair, generated on first start and kept in the database
 * (the private key encrypted at rest), so every node signs with the same
 * certificate, the one the metadata publishes. A self-signed certificate is
 * what SAML metadata expects: SPs trust the key, not a CA.
 */
export async function loadSigningKey(ctx: Ctx): Promise<SigningKey> {
  const key = encryptionKey(ctx.cookieSecret, PURPOSE);
  let row = await findSigningKey(ctx.db);
  if (!row) {
    const fresh = await generate(ctx);
    await insertSigningKeyIfNone(ctx.db, { id: 'primary', certificate: fresh.certificate, privateKey: encrypt(key, fresh.privateKey), createdAt: ctx.clock.now() });
    row = (await findSigningKey(ctx.db))!;
  }
  try {
    return { certificate: row.certificate, privateKey: decrypt(key, row.private_key) };
  } catch {
    throw new Error('The SAML signing key cannot be decrypted with the current platform secret (COOKIE_SECRET changed?).');
  }
}
