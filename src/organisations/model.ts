import { z } from 'zod';
import { dayOf } from '../registries/model';
import type { MandateKind } from './tables';

export type { MandateKind, UnitKind } from './tables';

/** Every kind of mandate, from the most to the least encompassing. */
export const MANDATE_KINDS = [
  'principal',
  'co_principal',
  'domain_access_manager',
  'application_administrator',
  'entity_access_responsible',
  'local_manager',
] as const satisfies readonly MandateKind[];

/** A mandate as the policy reads it: who, what kind, which scope, and when it holds. */
export interface Mandate {
  id: string;
  enterpriseNumber: string;
  personId: string;
  kind: MandateKind;
  /** Domain of a domain access manager; domain of the application of an application administrator. */
  domain: string | null;
  application: string | null;
  /** Unit of a local manager. */
  unitId: string | null;
  /** YYYY-MM-DD, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, inclusive; null = unlimited. */
  validUntil: string | null;
  revokedAt: Date | null;
}

export type MandateState = 'current' | 'scheduled' | 'expired' | 'revoked';

/** Where a mandate stands at a moment: only a current one grants anything. Days are Belgian calendar days. */
export function mandateState(mandate: Pick<Mandate, 'validFrom' | 'validUntil' | 'revokedAt'>, at: Date): MandateState {
  if (mandate.revokedAt && mandate.revokedAt.getTime() <= at.getTime()) return 'revoked';
  const today = dayOf(at);
  if (today < mandate.validFrom) return 'scheduled';
  if (mandate.validUntil !== null && today > mandate.validUntil) return 'expired';
  return 'current';
}

export function isCurrent(mandate: Pick<Mandate, 'validFrom' | 'validUntil' | 'revokedAt'>, at: Date): boolean {
  return mandateState(mandate, at) === 'current';
}

/** The Belgian day of a moment, `YYYY-MM-DD`. */
export function today(at: Date): string {
  return dayOf(at);
}

/**
 * A phone number as people type it in Belgium (0470 12 34 56, +32 470…,
 * 0032 470…, 02 740 79 92) in E.164 form, or null when it cannot be one.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s./()-]/g, '');
  let e164: string;
  if (/^\+\d+$/.test(compact)) e164 = compact;
  else if (/^00\d+$/.test(compact)) e164 = `+${compact.slice(2)}`;
  else if (/^0[1-9]\d{7,8}$/.test(compact)) e164 = `+32${compact.slice(1)}`;
  else return null;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : null;
}

/** A form field holding a phone number; parses to E.164 (and accepts its own output again). */
export function phoneField() {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : ''),
    z
      .string()
      .min(1, 'errors.field.required')
      .max(40, 'errors.field.too_long')
      .transform((value, ctx) => {
        const phone = normalisePhone(value);
        if (phone) return phone;
        ctx.addIssue({ code: 'custom', message: 'organisations.errors.phone', input: value });
        return z.NEVER;
      }),
  );
}
