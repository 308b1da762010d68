import type { Lang } from '../../../platform/i18n/languages';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import type { OfferedRole } from '../service';

/** "Ateliers Zéphyr (0723.641.873)". */
export function enterpriseLabel(e: { name: string; number: string }): string {
  return `${e.name} (${formatEnterpriseNumber(e.number)})`;
}

/** "Espace Personnel Wallon – Rédacteur de dossiers", as the guide's lists name a role. */
export function roleOptionLabel(r: Pick<OfferedRole, 'application' | 'role'>, lang: Lang): string {
  return `${r.application.names[lang]} – ${r.role.names[lang]}`;
}
