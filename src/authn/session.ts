import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock';
import type { Executor } from '../platform/db/database';
import type { Loa } from './loa';
import { endSession, findLiveSession, insertSession, touchSession, type SessionRow } from './session-store';

export type Session = SessionRow;

export interface SessionSettings {
  /** Inactivity after which the person must identify again (20 minutes by default). */
  idleMs: number;
  /** Absolute lifetime, whatever the activity. */
  maxAgeMs: number;
}

/** What a completed identification with a digital key establishes. */
export interface Identification {
  personId: string;
  nrn: string;
  displayName: string;
  loa: Loa;
  /** The key used, e.g. `eid`, `itsme`, `password_totp`. */
  key: string;
  /** Authentication methods (RFC 8176), e.g. ['hwk', 'pin'] for the eID card. */
  amr: string[];
}

// Activity is recorded at most this often: a page view need not write to the database every time.
const TOUCH_EVERY_MS = 30_000;

/** The session id stored in the database: a hash of the cookie's token, so the table alone opens no session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function openSession(db: Executor, clock: Clock, settings: SessionSettings, who: Identification) {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const session: Session = {
    id: sessionIdOf(token),
    personId: who.personId,
    nrn: who.nrn,
    displayName: who.displayName,
    loa: who.loa,
    key: who.key,
    amr: who.amr,
    authTime: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.maxAgeMs),
  };
  await insertSession(db, session);
  return { token, session };
}

/** The live session of a cookie token, recording the activity; undefined when ended, idle too long or past its lifetime. */
export async function resumeSession(db: Executor, clock: Clock, settings: SessionSettings, token: string, touch = true) {
  const now = clock.now();
  const session = await findLiveSession(db, sessionIdOf(token), now, new Date(now.getTime() - settings.idleMs));
  if (session && touch && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await touchSession(db, session.id, now);
    session.lastSeenAt = now;
  }
  return session;
}

/** When the session ends if nothing happens: the idle limit or the absolute lifetime, whichever comes first. */
export function idleDeadline(session: Session, settings: SessionSettings): Date {
  return new Date(Math.min(session.lastSeenAt.getTime() + settings.idleMs, session.expiresAt.getTime()));
}

export async function closeSession(db: Executor, clock: Clock, sessionId: string): Promise<boolean> {
  return endSession(db, sessionId, clock.now());
}
