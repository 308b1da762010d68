import { isValidNrn } from '../../registries/identifiers';
import { today } from '../../organisations/model';
import type { AppContext } from '../../platform/context';
import { catalogOf, type Catalog } from '../catalog/service';
import { decideAuthorization, type ApplicationFacts, type AuthorizationDecision } from './model';
import { activeRightsFor, type PersonRef } from './store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuthorizationCheck {
  /** The `sub` of our tokens, or a national register number (dots and dashes allowed). */
  person: string;
  application: string;
  permission: string;
  /** Enterprise number, 10 digits (dots allowed). */
  enterprise: string;
  unit?: string | null;
}

/** Why an application may not ask the question at all (the route answers 403). */
export type CheckRefusal = 'application_unknown' | 'not_your_application';

// The catalog's facts per application, built once per catalog copy (catalogOf caches it per node).
const factsCache = new WeakMap<Catalog, Map<string, ApplicationFacts>>();

function applicationFacts(catalog: Catalog, applicationId: string): ApplicationFacts | undefined {
  let facts = factsCache.get(catalog);
  if (!facts) factsCache.set(catalog, (facts = new Map()));
  const hit = facts.get(applicationId);
  if (hit) return hit;
  const application = catalog.application(applicationId);
  if (!application) return undefined;
  const built = { permissions: application.permissions.map((p) => p.code), roles: new Map(catalog.rolesOf(applicationId).map((r) => [r.code, r.permissions])) };
  facts.set(applicationId, built);
  return built;
}

// Today in Belgium, formatted once per second rather than once per question (Intl's formatting is the
// costliest step of a check in this process). A Belgian day starts on a whole second.
let lastSecond = NaN;
let lastDay = '';
function todayAt(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastSecond) {
    lastDay = today(now);
    lastSecond = second;
  }
  return lastDay;
}

function personRef(input: string): PersonRef | undefined {
  if (UUID.test(input)) return { id: input.toLowerCase() };
  const digits = input.replace(/[\s.-]/g, '');
  return isValidNrn(digits) ? { nrn: digits } : undefined;
}

/**
 * Answers an application's question about a person. The client may only
 * ask about the applications it stands for (the catalog's `clients`); an
 * unknown person or enterprise simply holds no right.
 */
export async function checkAuthorization(ctx: Pick<AppContext, 'db' | 'clock'>, clientId: string, q: AuthorizationCheck): Promise<{ refused: CheckRefusal } | { decision: AuthorizationDecision }> {
  const catalog = await catalogOf(ctx);
  const application = catalog.application(q.application);
  if (!application) return { refused: 'application_unknown' };
  if (!application.clients.includes(clientId)) return { refused: 'not_your_application' };
  const facts = applicationFacts(catalog, q.application)!;
  const person = personRef(q.person);
  const enterprise = q.enterprise.replace(/[\s.]/g, '');
  const rights = person && /^\d{10}$/.test(enterprise) ? await activeRightsFor(ctx.db, person, q.application, enterprise) : [];
  return { decision: decideAuthorization(facts, rights, { permission: q.permission, unit: q.unit ?? null, today: todayAt(ctx.clock.now()) }) };
}
