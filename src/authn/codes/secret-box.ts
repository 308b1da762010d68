import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database';
import { generatedSecret } from '../../platform/settings';

/**
 * Keys for the security codes' secrets, generated on first start and shared
 * by every node through the database: one encrypts TOTP secrets at rest
 * (AES-256-GCM), one keys the HMAC under which sent codes and token-card
 * codes are stored, so a copy of the tables alone reveals none of them.
 */
export interface CodeKeys {
  encryption: Buffer;
  hmac: Buffer;
}

const cache = new WeakMap<object, Promise<CodeKeys>>();

export function codeKeys(db: Db): Promise<CodeKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = (async () => ({
      encryption: Buffer.from(await generatedSecret(db, 'authn.codes.encryption_key'), 'base64url'),
      hmac: Buffer.from(await generatedSecret(db, 'authn.codes.hmac_key'), 'base64url'),
    }))();
    cache.set(db, keys);
    keys.catch(() => cache.delete(db));
  }
  return keys;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decrypt(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A short secret (a 6-digit code) as stored: HMAC-SHA-256 under the platform key, bound to its context. */
export function hmacOf(key: Buffer, context: string, code: string): string {
  return createHmac('sha256', key).update(context).update('\0').update(code).digest('base64url');
}
