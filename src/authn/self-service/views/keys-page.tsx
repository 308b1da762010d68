import { Banner } from '../../../platform/views/components/banner';
import { ButtonLink } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { DigitalKey } from '../../digital-keys/service';
import type { Loa } from '../../loa';
import { activatePath, stepUpPath, type KeysOutcome, type KindRow } from '../model';
import { KEY_LEVEL, type KeyKindName } from '../../digital-keys/model';
import { formatDay } from './format';
import { SelfServiceNav } from './self-service-nav';

export interface KeysPageProps {
  rows: KindRow[];
  deactivated: DigitalKey[];
  sessionLoa: Loa;
  hasEmail: boolean;
  done?: { outcome: KeysOutcome; kind: KeyKindName };
}

/** "Mes clés numériques": every kind of key with its state and what may be done with it. */
export function KeysPage(props: KeysPageProps) {
  const { t } = usePage();
  return (
    <Layout title={t('selfservice.keys.title')}>
      <SelfServiceNav current="keys" />
      <h1>{t('selfservice.keys.title')}</h1>
      {props.done && (
        <Banner kind="success">
          <p>{t(`selfservice.keys.done.${props.done.outcome}`, { key: t(`keys.kind.${props.done.kind}`) })}</p>
          {props.hasEmail && <p>{t('selfservice.keys.notice_sent')}</p>}
        </Banner>
      )}
      <p class="lead">{t('selfservice.keys.intro')}</p>
      <p>{t('selfservice.keys.session_level', { level: t(`authn.level.${props.sessionLoa}`) })}</p>
      {!props.hasEmail && (
        <Banner kind="info">
          <p>
            {t('selfservice.keys.no_email')} <a href="/keys/profile">{t('selfservice.nav.profile')}</a>
          </p>
        </Banner>
      )}
      <ul class="keys">
        {props.rows.map((row) => (
          <KindCard row={row} />
        ))}
      </ul>
      <p>{t('selfservice.keys.always')}</p>
      {props.deactivated.length > 0 && <DeactivatedKeys keys={props.deactivated} />}
    </Layout>
  );
}

function KindCard(props: { row: KindRow }) {
  const { t } = usePage();
  const { row } = props;
  const name = t(`keys.kind.${row.kind}`);
  const active = row.live.length > 0;
  return (
    <li class={active ? 'key' : 'key key--unavailable'} id={`kind-${row.kind}`}>
      <h2>{name}</h2>
      <p class="key__level">{t('selfservice.keys.level', { level: t(`authn.level.${KEY_LEVEL[row.kind]}`) })}</p>
      {active ? (
        <ul class="key__instances">
          {row.live.map((key) => (
            <LiveKey item={key} name={name} />
          ))}
        </ul>
      ) : (
        <p><strong>{t('selfservice.keys.status.inactive')}</strong></p>
      )}
      {row.allowed ? (
        <p>
          <ButtonLink href={activatePath(row.kind)} variant={active ? 'secondary' : 'primary'}>
            {t(row.action === 'add' ? 'selfservice.keys.add_passkey' : `selfservice.keys.${row.action}`)}
            {row.action !== 'add' && <span class="visually-hidden"> {name}</span>}
          </ButtonLink>
        </p>
      ) : (
        <div class="key__reason">
          <p>{t('selfservice.keys.needs_level', { level: t(`authn.level.${row.requiredLevel}`) })}</p>
          <p>
            <a href={stepUpPath(row.requiredLevel)}>{t('selfservice.keys.step_up')}</a>
          </p>
        </div>
      )}
    </li>
  );
}

function LiveKey(props: { item: DigitalKey; name: string }) {
  const { t } = usePage();
  const key = props.item;
  return (
    <li>
      <p>
        <strong class="key__status">{t('selfservice.keys.status.active')}</strong>
        {key.label && <> · {key.label}</>}
      </p>
      <p>{t('selfservice.keys.created', { date: formatDay(key.createdAt) })}</p>
      <p>{key.lastUsedAt ? t('selfservice.keys.last_used', { date: formatDay(key.lastUsedAt) }) : t('selfservice.keys.never_used')}</p>
      <p>
        <a href={`/keys/${key.id}/deactivate`}>
          {t('selfservice.keys.deactivate')}
          <span class="visually-hidden"> {key.label ? `${props.name} (${key.label})` : props.name}</span>
        </a>
      </p>
    </li>
  );
}

function DeactivatedKeys(props: { keys: DigitalKey[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="deactivated-keys">
      <h2 id="deactivated-keys">{t('selfservice.keys.deactivated_list')}</h2>
      <ul>
        {props.keys.map((key) => (
          <li>
            {t(`keys.kind.${key.kind}`)}
            {key.label && ` (${key.label})`} — {t('selfservice.keys.created', { date: formatDay(key.createdAt) })}, {t('selfservice.keys.deactivated_on')}
          </li>
        ))}
      </ul>
    </section>
  );
}
