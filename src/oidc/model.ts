import { keyKind, type KeyId } from '../authn/keys';
import { ACR, atLeast, FAS_ACR, isLoa, LEVELS, requiredLevel, type AcrAliases, type Loa } from '../authn/loa';

/** Every acr value the provider can assert and accepts: ours, then the aliases (the FAS ones and those configured). */
export function acrValuesSupported(aliases: AcrAliases = FAS_ACR): string[] {
  return [...Object.values(ACR), ...Object.keys(aliases)];
}

/** The level an authorization request needs: the higher of the application's minimum and what acr_values ask. */
export function levelForRequest(clientMinLoa: Loa, acrValues: string | undefined, aliases: AcrAliases = FAS_ACR): Loa {
  const asked = requiredLevel(acrValues, aliases);
  if (!asked) return clientMinLoa;
  return LEVELS.indexOf(asked) > LEVELS.indexOf(clientMinLoa) ? asked : clientMinLoa;
}

/** An application's minimum level from its metadata; anything unexpected counts as the strictest. */
export function clientMinLoa(value: unknown): Loa {
  return value === undefined ? 'low' : isLoa(value) ? value : 'high';
}

function fasAcrOf(session: { loa: Loa; key: string }): string {
  try {
    return keyKind(session.key as KeyId)?.fasAcr ?? ACR[session.loa];
  } catch {
    return ACR[session.loa];
  }
}

/**
 * The acr asserted: the key's FAS-style value when the application asked in
 * FAS terms; else, when it asked in configured aliases, the highest of those
 * the session reaches (its own words back); else ours for the session's level.
 */
export function acrFor(session: { loa: Loa; key: string }, acrValues: string | undefined, aliases: AcrAliases = FAS_ACR): string {
  const asked = (acrValues ?? '').split(' ').filter(Boolean);
  if (asked.some((v) => Object.hasOwn(FAS_ACR, v))) return fasAcrOf(session);
  const reached = asked
    .filter((v) => Object.hasOwn(aliases, v) && atLeast(session.loa, aliases[v]!))
    .sort((a, b) => LEVELS.indexOf(aliases[b]!) - LEVELS.indexOf(aliases[a]!));
  return reached[0] ?? ACR[session.loa];
}

export interface InteractionFacts {
  session: { loa: Loa; authTime: Date } | undefined;
  level: Loa;
  /** prompt=login: the person must identify again, after the request was made. */
  promptLogin: boolean;
  /** When the authorization request was made. */
  requestedAt: Date;
  /** max_age in seconds, if asked. */
  maxAge: number | undefined;
  now: Date;
}

export type InteractionDecision = { kind: 'identify'; level: Loa; reason: 'no_session' | 'step_up' | 'prompt_login' | 'max_age' } | { kind: 'finish' };

/**
 * Whether the browser's single-sign-on session answers the request, or the
 * person must identify (again): never with a lower session, never with one
 * older than max_age, never with one from before a prompt=login request.
 */
export function decideInteraction(f: InteractionFacts): InteractionDecision {
  if (!f.session) return { kind: 'identify', level: f.level, reason: 'no_session' };
  if (!atLeast(f.session.loa, f.level)) return { kind: 'identify', level: f.level, reason: 'step_up' };
  // Whole seconds: that is what auth_time carries and what the request time is measured in.
  const authSeconds = Math.floor(f.session.authTime.getTime() / 1000);
  if (f.promptLogin && authSeconds < Math.floor(f.requestedAt.getTime() / 1000)) return { kind: 'identify', level: f.level, reason: 'prompt_login' };
  if (f.maxAge !== undefined && Math.floor(f.now.getTime() / 1000) - authSeconds > f.maxAge) return { kind: 'identify', level: f.level, reason: 'max_age' };
  return { kind: 'finish' };
}
