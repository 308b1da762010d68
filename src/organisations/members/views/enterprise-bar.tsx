import type { Enterprise } from '../../../registries/ports';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import { usePage } from '../../../platform/views/page-context';

export type Section = 'home' | 'managers' | 'units' | 'persons';

/** The enterprise one works for, shown on every management page, with the way to switch to another and the sections. */
export function EnterpriseBar(props: { enterprise: Enterprise; current: Section; sections?: Section[] }) {
  const { t } = usePage();
  const e = props.enterprise;
  const base = `/organisations/${e.number}`;
  const href: Record<Section, string> = { home: base, managers: `${base}/managers`, units: `${base}/units`, persons: `${base}/persons` };
  return (
    <div class="enterprise-bar">
      <p>
        {t('members.bar.working_for')} <strong>{e.name ?? formatEnterpriseNumber(e.number)}</strong> ({formatEnterpriseNumber(e.number)}) ·{' '}
        <a href="/organisations">{t('members.bar.switch')}</a>
      </p>
      <nav aria-label={t('members.bar.sections')}>
        <ul class="enterprise-bar__sections">
          {(props.sections ?? ['home', 'managers', 'units', 'persons']).map((s) => (
            <li>
              <a href={href[s]} aria-current={s === props.current ? 'page' : undefined}>
                {t(`members.section.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
