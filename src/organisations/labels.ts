import type { Application, Domain } from '../access/catalog/model';
import type { Lang } from '../platform/i18n/languages';
import type { Translate } from '../platform/i18n/translate';
import type { MandateKind } from './model';

/** A domain's name in the reader's language, from the catalog; undefined for a domain it no longer has. */
export type DomainNames = (id: string) => string | undefined;

/** An application's name in the reader's language, from the catalog; undefined for one it no longer has. */
export type ApplicationNames = (id: string) => string | undefined;

export function domainNamesIn(domains: readonly Domain[], lang: Lang): DomainNames {
  return (id) => domains.find((d) => d.id === id)?.names[lang];
}

export function applicationNamesIn(applications: readonly Application[], lang: Lang): ApplicationNames {
  return (id) => applications.find((a) => a.id === id)?.names[lang];
}

/**
 * What follows a mandate's kind: " — Finances", " — Espace Personnel Wallon"
 * (an application administrator's application), " — Action sociale" (its
 * unit). Names come from the catalog; an id it no longer knows is shown as is.
 */
export function scopeLabel(
  _t: Translate,
  m: { domain?: string | null; application?: string | null },
  unit?: { name: string } | null,
  domainName?: DomainNames,
  applicationName?: ApplicationNames,
): string {
  if (m.application) return ` — ${applicationName?.(m.application) ?? m.application}`;
  if (m.domain) return ` — ${domainName?.(m.domain) ?? m.domain}`;
  if (unit) return ` — ${unit.name}`;
  return '';
}

/** A mandate as pages name it: "Gestionnaire local — Action sociale". */
export function mandateLabel(
  t: Translate,
  m: { kind: MandateKind; domain?: string | null; application?: string | null },
  unit?: { name: string } | null,
  domainName?: DomainNames,
  applicationName?: ApplicationNames,
): string {
  return t(`organisations.kind.${m.kind}`) + scopeLabel(t, m, unit, domainName, applicationName);
}
