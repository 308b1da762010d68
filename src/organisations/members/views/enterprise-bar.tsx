import type { Enterprise } from '../../../registries/ports';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import { usePage } from '../../../platform/views/page-context';
import type { Section } from '../../sections';

export type { Section } from '../../sections';

/**
 * The enterprise one works for, shown on every management page, with the way
 * to switch to another and the sections the viewer may open (`sectionsFor`:
 * never a link that answers 403).
 */
export function EnterpriseBar(props: { enterprise: Enterprise; current: Section; sections: readonly Section[] }) {
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
          {props.sections.map((s) => (
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
