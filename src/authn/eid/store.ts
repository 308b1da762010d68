import type { Executor } from '../../platform/db/database';
import type { CertificateInfo } from './model';

/** SQL of the eID key: handoff codes and the demo CA's rows. */

export interface HandoffInsert {
  codeHash: string;
  nrn: string;
  info: CertificateInfo;
  fingerprint: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertHandoff(db: Executor, h: HandoffInsert): Promise<void> {
  await db
    .insertInto('eid_handoffs')
    .values({
      code_hash: h.codeHash,
      nrn: h.nrn,
      cert_issuer: h.info.issuer,
      cert_subject: h.info.subject,
      cert_serial: h.info.serialNumber,
      cert_cn: h.info.cn,
      cert_given_name: h.info.givenName,
      cert_surname: h.info.surname,
      cert_fingerprint: h.fingerprint,
      created_at: h.createdAt,
      expires_at: h.expiresAt,
    })
    .execute();
}

export interface ConsumedHandoff {
  nrn: string;
  info: CertificateInfo;
}

function toConsumed(row: { nrn: string; cert_issuer: string; cert_subject: string; cert_serial: string; cert_cn: string; cert_given_name: string; cert_surname: string }): ConsumedHandoff {
  return {
    nrn: row.nrn,
    info: {
      issuer: row.cert_issuer,
      subject: row.cert_subject,
      serialNumber: row.cert_serial,
      cn: row.cert_cn,
      givenName: row.cert_given_name,
      surname: row.cert_surname,
    },
  };
}

const INFO_COLUMNS = ['nrn', 'cert_issuer', 'cert_subject', 'cert_serial', 'cert_cn', 'cert_given_name', 'cert_surname'] as const;

/** The race-safe way to use a handoff code: one statement marks it consumed if it is still unused and not expired. */
export async function consumeHandoff(db: Executor, codeHash: string, now: Date): Promise<ConsumedHandoff | undefined> {
  const row = await db
    .updateTable('eid_handoffs')
    .set({ consumed_at: now })
    .where('code_hash', '=', codeHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(INFO_COLUMNS)
    .executeTakeFirst();
  return row && toConsumed(row);
}

/** The certificate of the latest handoff of `nrn` consumed in [from, to]. */
export async function findConsumedHandoff(db: Executor, nrn: string, from: Date, to: Date): Promise<ConsumedHandoff | undefined> {
  const row = await db
    .selectFrom('eid_handoffs')
    .select(INFO_COLUMNS)
    .where('nrn', '=', nrn)
    .where('consumed_at', '>=', from)
    .where('consumed_at', '<=', to)
    .orderBy('consumed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toConsumed(row);
}

export type AuthorityName = 'root' | 'citizen' | 'tls' | 'ocsp';

export async function findAuthorities(db: Executor) {
  return db.selectFrom('eid_demo_authorities').select(['name', 'certificate', 'private_key']).execute();
}

/** One statement for all of them: a concurrent first start on another node makes it do nothing, and both read the winner's. */
export async function insertAuthoritiesIfAbsent(db: Executor, rows: Array<{ name: AuthorityName; certificate: string; private_key: string }>): Promise<void> {
  await db.insertInto('eid_demo_authorities').values(rows).onConflict((oc) => oc.column('name').doNothing()).execute();
}

export async function insertCard(db: Executor, card: { serial: string; nrn: string; subject: string; notBefore: Date; notAfter: Date; issuedAt: Date }) {
  await db
    .insertInto('eid_demo_cards')
    .values({ serial: card.serial, nrn: card.nrn, subject: card.subject, not_before: card.notBefore, not_after: card.notAfter, issued_at: card.issuedAt })
    .execute();
}

/** Revokes a card once; undefined when there is no such card, `already` when it was revoked before. */
export async function revokeCard(db: Executor, serial: string, at: Date, reason: string) {
  const updated = await db
    .updateTable('eid_demo_cards')
    .set({ revoked_at: at, revocation_reason: reason })
    .where('serial', '=', serial)
    .where('revoked_at', 'is', null)
    .returning(['serial', 'nrn'])
    .executeTakeFirst();
  if (updated) return { ...updated, already: false };
  const existing = await db.selectFrom('eid_demo_cards').select(['serial', 'nrn']).where('serial', '=', serial).executeTakeFirst();
  return existing && { ...existing, already: true };
}

export async function revokedCards(db: Executor) {
  return db.selectFrom('eid_demo_cards').select(['serial', 'revoked_at']).where('revoked_at', 'is not', null).orderBy('revoked_at').execute();
}

/** A demo card's revocation, for the demo OCSP responder; undefined when the demo CA never issued that serial. */
export async function findCard(db: Executor, serial: string) {
  return db.selectFrom('eid_demo_cards').select(['serial', 'revoked_at']).where('serial', '=', serial).executeTakeFirst();
}
