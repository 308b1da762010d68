import { personForIdentification } from '../../identity/service';
import { systemClock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { createRegisters } from '../../registries/database-registers';
import { DEMO } from '../../registries/demo';
import { codeKeys, encrypt } from '../codes/secret-box';
import { insertTotp } from '../codes/totp/store';
import { insertKey } from '../digital-keys/store';
import { hashPassword } from './hash';
import { findAccount, insertCredential } from './store';

/**
 * Two demo persons with a username, a password and an authenticator-app
 * secret, so a newcomer can try the password keys at once (see the README).
 * Fictitious, like the registers; never loaded in production (DEMO_DATA).
 */
export const DEMO_KEYS = [
  { nrn: DEMO.persons.citizen, username: 'emma.wouters', password: 'Sesame demo Emma 2026', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  { nrn: DEMO.persons.principalAccessManager, username: 'pieter.claes', password: 'Sesame demo Pieter 2026', totpSecret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
] as const;

/** Gives the demo persons their password and TOTP keys, unless their usernames exist already; returns how many were added. */
export async function loadDemoKeys(db: Db): Promise<number> {
  const registers = createRegisters(db, systemClock);
  const { encryption } = await codeKeys(db);
  let added = 0;
  for (const demo of DEMO_KEYS) {
    if (await findAccount(db, demo.username)) continue;
    const person = await personForIdentification({ db, registers }, demo.nrn);
    const hash = await hashPassword(demo.password);
    await db.transaction().execute(async (trx) => {
      const now = new Date();
      const passwordKey = await insertKey(trx, { personId: person.id, kind: 'password', status: 'active', label: demo.username, at: now });
      await insertCredential(trx, { keyId: passwordKey, personId: person.id, username: demo.username, hash });
      const totpKey = await insertKey(trx, { personId: person.id, kind: 'totp', status: 'active', label: null, at: now });
      await insertTotp(trx, { keyId: totpKey, sealedSecret: encrypt(encryption, demo.totpSecret), lastStep: null });
    });
    added++;
  }
  return added;
}
