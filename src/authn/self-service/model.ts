import type { DigitalKey } from '../digital-keys/service';
import { mayActivate, type KeyKindName } from '../digital-keys/model';
import { LEVELS, type Loa } from '../loa';

/** The kinds of key a person manages on "Mes clés numériques", in the order the guides list them. */
export const MANAGED_KINDS: readonly KeyKindName[] = ['totp', 'sms', 'email', 'token_card', 'passkey', 'password'];

export function isManagedKind(value: unknown): value is KeyKindName {
  return typeof value === 'string' && (MANAGED_KINDS as readonly string[]).includes(value);
}

/** The weakest session level from which a kind may be activated: the same rule as mayActivate, read backwards. */
export function activationLevel(kind: KeyKindName): Loa {
  return LEVELS.find((level) => mayActivate(level, kind)) ?? 'high';
}

/** What the page shows for one kind: its live keys and what the session may do with them. */
export interface KindRow {
  kind: KeyKindName;
  live: DigitalKey[];
  /** Activate (nothing live) or replace (a live key of a kind a person has only one of); passkeys are added. */
  action: 'activate' | 'replace' | 'add';
  /** The session's level allows activate/replace/add. */
  allowed: boolean;
  /** The level to identify with when it does not. */
  requiredLevel: Loa;
}

/**
 * The rows of "Mes clés numériques". Deactivation is always offered on a
 * live key: taking away a key that may be compromised must never need a
 * stronger one.
 */
export function keyRows(keys: DigitalKey[], sessionLoa: Loa): KindRow[] {
  return MANAGED_KINDS.map((kind) => {
    const live = keys.filter((key) => key.kind === kind && key.status !== 'deactivated');
    const action = kind === 'passkey' ? (live.length > 0 ? 'add' : 'activate') : live.length > 0 ? 'replace' : 'activate';
    return { kind, live, action, allowed: mayActivate(sessionLoa, kind), requiredLevel: activationLevel(kind) };
  });
}

/** Where a key kind is activated (or replaced): each kind's own module serves the page. */
export function activatePath(kind: KeyKindName): string {
  return `/keys/${kind}/activate`;
}

/** Where to identify with a key strong enough, and come back to the keys. */
export function stepUpPath(level: Loa): string {
  return `/login?${new URLSearchParams({ loa: level, return: '/keys' })}`;
}

export type KeysOutcome = 'activated' | 'replaced' | 'deactivated';

/**
 * Where an activation page sends the person once done: "Mes clés numériques"
 * with the success banner. For the pages of the other key modules.
 */
export function keysDonePath(outcome: KeysOutcome, kind: KeyKindName): string {
  return `/keys?${new URLSearchParams({ done: outcome, kind })}`;
}
