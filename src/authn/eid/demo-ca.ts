import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type * as x509 from './x509';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import { OID, formatName } from './model';
import { createAuthority, createCrl, importIssued, issueCardCertificate, issueOcspResponderCertificate, issueServerCertificate, privateKeyPem, toPkcs12, type Issued } from './pki';
import { findAuthorities, insertAuthoritiesIfAbsent, insertCard, revokeCard, revokedCards, type AuthorityName } from './store';

/**
 * The demo certification authority of the embedded default: a "Sésame Demo
 * Root CA" and a "Sésame Demo Citizen CA" under it, shaped like Belgium
 * Root CA4 → Citizen CA. Generated once, kept in the database with the
 * private keys encrypted under a key derived from the platform secret.
 * It issues test cards (PKCS#12 files a browser imports), the eID
 * listener's TLS certificate, publishes a CRL and runs an OCSP responder
 * (demo-ocsp.ts) with a delegated responder certificate of its own.
 */

export type DemoCaContext = Pick<AppContext, 'db' | 'clock' | 'config' | 'cookieSecret'>;

export interface DemoCa {
  root: Issued;
  citizen: Issued;
  tls: Issued;
  /** The delegated OCSP responder of the citizen CA. */
  ocsp: Issued;
}

const DAY = 86_400_000;
const YEAR = 365 * DAY;
/** How long a published CRL is good for; the listener caches it that long, so a revocation shows within it. */
export const DEMO_CRL_LIFETIME_MS = 5 * 60_000;

const ROOT_NAME: x509.JsonName = [{ [OID.country]: ['BE'] }, { [OID.organization]: ['Sésame (demo)'] }, { [OID.commonName]: ['Sésame Demo Root CA'] }];
const CITIZEN_NAME: x509.JsonName = [
  { [OID.country]: ['BE'] },
  { [OID.organization]: ['Sésame (demo)'] },
  { [OID.commonName]: ['Sésame Demo Citizen CA'] },
  { [OID.serialNumber]: ['202611'] },
];

const OCSP_NAME: x509.JsonName = [{ [OID.country]: ['BE'] }, { [OID.organization]: ['Sésame (demo)'] }, { [OID.commonName]: ['Sésame Demo Citizen CA OCSP Responder'] }];

export function demoCrlUrl(config: DemoCaContext['config']): string {
  return `${config.publicUrl}/eid/demo-ca.crl`;
}

/** The demo OCSP responder, named in every test card's authority information access. */
export function demoOcspUrl(config: DemoCaContext['config']): string {
  return `${config.publicUrl}/eid/demo-ocsp`;
}

function boxKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'sesame', 'eid demo ca private keys', 32));
}

function seal(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function open(secret: string, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', boxKey(secret), iv!);
  decipher.setAuthTag(tag!);
  try {
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('The demo CA keys cannot be decrypted: was COOKIE_SECRET changed since they were generated?');
  }
}

// Certificates other systems check against the real time (browsers, TLS clients) start a day before both clocks.
function startOf(ctx: DemoCaContext): Date {
  return new Date(Math.min(ctx.clock.now().getTime(), Date.now()) - DAY);
}

function generateOcspResponder(ctx: DemoCaContext, citizen: Issued): Promise<Issued> {
  const notBefore = startOf(ctx);
  return issueOcspResponderCertificate(citizen, { name: OCSP_NAME, notBefore, notAfter: new Date(notBefore.getTime() + 12 * YEAR) });
}

async function generate(ctx: DemoCaContext): Promise<DemoCa> {
  const notBefore = startOf(ctx);
  const root = await createAuthority({ name: ROOT_NAME, notBefore, notAfter: new Date(notBefore.getTime() + 20 * YEAR), pathLength: 1 });
  const citizen = await createAuthority({ name: CITIZEN_NAME, notBefore, notAfter: new Date(notBefore.getTime() + 12 * YEAR), issuer: root, pathLength: 0 });
  const hosts = [...new Set(['localhost', new URL(ctx.config.eid.publicUrl).hostname, '127.0.0.1'])];
  const tls = await issueServerCertificate(root, { hosts, notBefore, notAfter: new Date(notBefore.getTime() + 2 * YEAR) });
  return { root, citizen, tls, ocsp: await generateOcspResponder(ctx, citizen) };
}

const loaded = new WeakMap<object, Promise<DemoCa>>();

async function store(ctx: DemoCaContext, authorities: Partial<Record<AuthorityName, Issued>>) {
  await insertAuthoritiesIfAbsent(
    ctx.db,
    await Promise.all(
      (Object.entries(authorities) as Array<[AuthorityName, Issued]>).map(async ([name, issued]) => ({
        name,
        certificate: issued.certificate.toString('pem'),
        private_key: seal(ctx.cookieSecret, await privateKeyPem(issued.keys.privateKey)),
      })),
    ),
  );
}

async function loadOrCreate(ctx: DemoCaContext): Promise<DemoCa> {
  let rows = await findAuthorities(ctx.db);
  const byName = async (name: AuthorityName) => {
    const row = rows.find((r) => r.name === name)!;
    return importIssued(row.certificate, open(ctx.cookieSecret, row.private_key));
  };
  const has = (name: AuthorityName) => rows.some((r) => r.name === name);
  if (!has('root') || !has('citizen') || !has('tls')) {
    await store(ctx, await generate(ctx));
    rows = await findAuthorities(ctx.db);
  } else if (!has('ocsp')) {
    // A demo CA from before the OCSP responder: the citizen CA certifies one now.
    await store(ctx, { ocsp: await generateOcspResponder(ctx, await byName('citizen')) });
    rows = await findAuthorities(ctx.db);
  }
  return { root: await byName('root'), citizen: await byName('citizen'), tls: await byName('tls'), ocsp: await byName('ocsp') };
}

/** The demo CA, generated on first use and then read from the database (once per database handle). */
export function demoCa(ctx: DemoCaContext): Promise<DemoCa> {
  let ca = loaded.get(ctx.db);
  if (!ca) {
    ca = loadOrCreate(ctx);
    loaded.set(ctx.db, ca);
    ca.catch(() => loaded.delete(ctx.db));
  }
  return ca;
}

export class DemoCaError extends Error {
  override name = 'DemoCaError';
}

export interface TestCard {
  card: Issued;
  chain: x509.X509Certificate[];
  serial: string;
  name: string;
}

/**
 * A test card's authentication certificate for a person of the national
 * register (names taken from it), recorded so that it can be revoked.
 * `notBefore`/`notAfter` let tests make expired or future cards.
 */
export async function issueTestCard(ctx: DemoCaContext & Pick<AppContext, 'registers'>, nrn: string, dates: { notBefore?: Date; notAfter?: Date } = {}): Promise<TestCard> {
  if (!ctx.config.eid.demoCa) throw new DemoCaError('The demo CA is off: EID_TRUST_ANCHORS is set or NODE_ENV=production.');
  const person = await ctx.registers.persons.findPerson(nrn);
  if (!person) throw new DemoCaError(`No person with national register number ${nrn} in the national register.`);
  const ca = await demoCa(ctx);
  const now = ctx.clock.now();
  const notBefore = dates.notBefore ?? new Date(now.getTime() - 60_000);
  const notAfter = dates.notAfter ?? new Date(now.getTime() + 10 * YEAR);
  const card = await issueCardCertificate(ca.citizen, {
    nrn: person.nrn,
    givenNames: person.firstNames,
    surname: person.lastName,
    notBefore,
    notAfter,
    crlUrl: demoCrlUrl(ctx.config),
    ocspUrl: demoOcspUrl(ctx.config),
  });
  const serial = card.certificate.serialNumber.toLowerCase();
  const subject = formatName(card.certificate.subjectName);
  await ctx.db.transaction().execute(async (trx) => {
    await insertCard(trx, { serial, nrn: person.nrn, subject, notBefore, notAfter, issuedAt: now });
    await recordAudit(trx, now, { actor: 'system', action: 'eid.demo_card.issued', target: `person:${person.nrn}`, details: { serial, subject } });
  });
  return { card, chain: [ca.citizen.certificate, ca.root.certificate], serial, name: `${person.firstNames} ${person.lastName}` };
}

/** The test card as a PKCS#12 file protected by `password`. */
export async function testCardPkcs12(card: TestCard, password: string): Promise<Buffer> {
  return toPkcs12(card.card, card.chain, password, `${card.name} (Authentication)`);
}

/** Revokes a test card: the OCSP responder says so at once, the CRL from its next issue; undefined when no card has that serial. */
export async function revokeTestCard(ctx: DemoCaContext, serialInput: string): Promise<{ serial: string; already: boolean } | undefined> {
  const serial = serialInput.replace(/[\s:]/g, '').toLowerCase().replace(/^0+(?=.)/, '');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeCard(trx, serial, now, 'unspecified');
    if (!revoked) return undefined;
    if (!revoked.already) {
      await recordAudit(trx, now, { actor: 'system', action: 'eid.demo_card.revoked', target: `person:${revoked.nrn}`, details: { serial } });
    }
    return { serial, already: revoked.already };
  });
}

/** The citizen CA's current CRL (DER), good for DEMO_CRL_LIFETIME_MS. */
export async function demoCrl(ctx: DemoCaContext): Promise<{ der: Buffer; nextUpdate: Date }> {
  const ca = await demoCa(ctx);
  const thisUpdate = ctx.clock.now();
  const nextUpdate = new Date(thisUpdate.getTime() + DEMO_CRL_LIFETIME_MS);
  const revoked = (await revokedCards(ctx.db)).map((r) => ({ serial: r.serial, at: r.revoked_at! }));
  const crl = await createCrl(ca.citizen, { thisUpdate, nextUpdate, revoked });
  return { der: Buffer.from(crl.rawData), nextUpdate };
}
