import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { AppContext } from '../platform/context';
import { decrypt, encrypt, encryptionKey } from './crypto';
import { deleteSigningKeysRetiredBefore, insertSigningKey, listSigningKeys, retireActiveSigningKeys } from './store';
import { RETIRED_KEY_PUBLISHED_S } from './ttl';

/** One key per algorithm: RS256 for every relying party, ES256 for those that prefer it. */
const ALGORITHMS = [
  { alg: 'RS256', generate: () => generateKeyPair('RS256', { modulusLength: 2048, extractable: true }) },
  { alg: 'ES256', generate: () => generateKeyPair('ES256', { extractable: true }) },
] as const;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'cookieSecret'>;

const PURPOSE = 'oidc-signing-keys';

async function newKey(alg: string, generate: () => Promise<{ privateKey: CryptoKey }>): Promise<JWK & { kid: string }> {
  const { privateKey } = await generate();
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg, use: 'sig' };
}

async function addKeySet(ctx: Ctx, db: Ctx['db']) {
  const key = encryptionKey(ctx.cookieSecret, PURPOSE);
  for (const { alg, generate } of ALGORITHMS) {
    const jwk = await newKey(alg, generate);
    await insertSigningKey(db, { kid: jwk.kid, jwk: encrypt(key, JSON.stringify(jwk)), createdAt: ctx.clock.now() });
  }
}

export interface SigningKeys {
  /** Private JWKs for the provider: the active ones first (they sign), then the retired ones still published. */
  keys: JWK[];
  /** Changes when a key is added, retired or dropped: nodes compare it to rebuild their provider. */
  version: string;
}

/**
 * The keys the provider signs with and publishes. On first start (or when
 * none is active) a set is generated; retired keys stay published until
 * every token they signed has expired, then are dropped. A key that cannot
 * be decrypted (the platform secret changed) is skipped, loudly.
 */
export async function loadSigningKeys(ctx: Ctx, log: (message: string) => void = console.warn): Promise<SigningKeys> {
  const now = ctx.clock.now();
  await deleteSigningKeysRetiredBefore(ctx.db, new Date(now.getTime() - RETIRED_KEY_PUBLISHED_S * 1000));
  let rows = await listSigningKeys(ctx.db);
  const key = encryptionKey(ctx.cookieSecret, PURPOSE);
  const readable = (row: (typeof rows)[number]) => {
    try {
      return JSON.parse(decrypt(key, row.jwk)) as JWK;
    } catch {
      log(`OpenID signing key ${row.kid} cannot be decrypted with the current platform secret (COOKIE_SECRET changed?); it is ignored.`);
      return undefined;
    }
  };
  let active = rows.filter((r) => !r.retiredAt).map(readable).filter((k) => k !== undefined);
  if (!ALGORITHMS.every(({ alg }) => active.some((k) => k.alg === alg))) {
    await ctx.db.transaction().execute(async (trx) => {
      await retireActiveSigningKeys(trx, now);
      await addKeySet(ctx, trx);
    });
    rows = await listSigningKeys(ctx.db);
    active = rows.filter((r) => !r.retiredAt).map(readable).filter((k) => k !== undefined);
  }
  const retired = rows.filter((r) => r.retiredAt).map(readable).filter((k) => k !== undefined);
  const version = rows.map((r) => `${r.kid}:${r.retiredAt?.getTime() ?? ''}`).join(',');
  return { keys: [...active, ...retired], version };
}

/** `sesame keys rotate`: a new set signs from now on; the old one stays published until its tokens have expired. */
export async function rotateSigningKeys(ctx: Ctx): Promise<{ retired: number; added: string[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const retired = await retireActiveSigningKeys(trx, ctx.clock.now());
    await addKeySet(ctx, trx);
    const added = (await listSigningKeys(trx)).filter((r) => !r.retiredAt).map((r) => r.kid);
    return { retired, added };
  });
}

/** For `sesame keys list`: no private material. */
export async function describeSigningKeys(ctx: Pick<AppContext, 'db'>) {
  return (await listSigningKeys(ctx.db)).map((r) => ({ kid: r.kid, createdAt: r.createdAt, retiredAt: r.retiredAt }));
}
