import type { Translate } from '../platform/i18n/translate';
import { isDomain, type MandateKind } from './model';

/** What follows a mandate's kind: " — Finances", " — application x", " — Action sociale" (its unit). */
export function scopeLabel(t: Translate, m: { domain?: string | null; application?: string | null }, unit?: { name: string } | null): string {
  if (m.application) return ` — ${m.application}`;
  if (m.domain && isDomain(m.domain)) return ` — ${t(`organisations.domain.${m.domain}`)}`;
  if (unit) return ` — ${unit.name}`;
  return '';
}

/** A mandate as pages name it: "Gestionnaire local — Action sociale". */
export function mandateLabel(t: Translate, m: { kind: MandateKind; domain?: string | null; application?: string | null }, unit?: { name: string } | null): string {
  return t(`organisations.kind.${m.kind}`) + scopeLabel(t, m, unit);
}
