import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../../platform/db/database';
import { ITSME_JWE_ALG } from './model';

const SETTING = 'itsme.client_keys';
const SIGNING_ALG = 'RS256';

/** Sésame's key pairs as an itsme client: one signs its client assertions (private_key_jwt), one decrypts ID tokens and userinfo. */
export interface ClientKeys {
  signing: { key: CryptoKey; kid: string };
  decryption: { key: CryptoKey; kid: string };
  /** The public halves, served at /login/itsme/jwks.json for itsme to fetch. */
  publicJwks: { keys: JWK[] };
}

interface StoredKeys {
  signing: JWK;
  decryption: JWK;
}

async function generate(): Promise<StoredKeys> {
  const signing = await exportJWK((await generateKeyPair(SIGNING_ALG, { modulusLength: 2048, extractable: true })).privateKey);
  const decryption = await exportJWK((await generateKeyPair(ITSME_JWE_ALG, { modulusLength: 2048, extractable: true })).privateKey);
  return {
    signing: { ...signing, kid: await calculateJwkThumbprint(signing), use: 'sig', alg: SIGNING_ALG },
    decryption: { ...decryption, kid: await calculateJwkThumbprint(decryption), use: 'enc', alg: ITSME_JWE_ALG },
  };
}

function publicPart({ kty, n, e, kid, use, alg }: JWK): JWK {
  return { kty, n, e, kid, use, alg };
}

/**
 * The client's keys, generated on first use and kept in the database so
 * every node presents the same JWKS (the first node to store them wins).
 * They never leave the database but for their public halves.
 */
export async function loadClientKeys(db: Db): Promise<ClientKeys> {
  const read = () => db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  let row = await read();
  if (!row) {
    await db
      .insertInto('settings')
      .values({ key: SETTING, value: JSON.stringify(await generate()) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await read();
  }
  const stored = JSON.parse(row!.value) as StoredKeys;
  return {
    signing: { key: (await importJWK(stored.signing, SIGNING_ALG)) as CryptoKey, kid: stored.signing.kid! },
    decryption: { key: (await importJWK(stored.decryption, ITSME_JWE_ALG)) as CryptoKey, kid: stored.decryption.kid! },
    publicJwks: { keys: [publicPart(stored.signing), publicPart(stored.decryption)] },
  };
}
