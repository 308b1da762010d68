import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { AccessNav } from '../../views/access-nav';
import type { HomeCounts } from '../service';

function Section(props: { id: string; title: string; text: string; count?: string; links: Array<[string, string]> | null; children?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <li class="card">
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p>{props.text}</p>
      {props.count && <p><strong>{props.count}</strong></p>}
      {props.links ? (
        <>
          <p>{t('access.home.priority')}</p>
          <ul class="link-list">
            {props.links.map(([href, label]) => (
              <li>
                <a href={href}>{label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="field__hint">{t('access.home.managers_only')}</p>
      )}
    </li>
  );
}

/** "Commencer à travailler avec Ma gestion des rôles eGov": the four sections with live counts. */
export function HomePage(props: { counts: HomeCounts }) {
  const { t } = usePage();
  const { counts } = props;
  const manager = counts.manager;
  return (
    <Layout title={t('access.title')}>
      <AccessNav current="home" />
      <h1>{t('access.home.start')}</h1>
      <p class="lead">{t('access.home.intro')}</p>
      <ul class="cards">
        <Section
          id="home-tasks"
          title={t('access.home.tasks.title')}
          text={t('access.home.tasks.text')}
          count={manager ? t('access.home.tasks.count', { count: counts.openTasks }) : undefined}
          links={
            manager
              ? [
                  ['/access/tasks', t('access.home.tasks.overview')],
                  ['/access/tasks', t('access.home.tasks.decide', { count: counts.openTasks })],
                  ['/access/tasks/decided', t('access.home.tasks.decided')],
                  ['/access/assign', t('access.home.tasks.new')],
                ]
              : null
          }
        />
        <Section
          id="home-manage"
          title={t('access.home.manage.title')}
          text={t('access.home.manage.text')}
          links={
            manager
              ? [
                  ['/access/manage', t('access.home.manage.overview')],
                  ['/access/assign', t('access.home.tasks.new')],
                  ['/access/assign', t('access.home.manage.nrn')],
                ]
              : null
          }
        />
        <Section
          id="home-mine"
          title={t('access.home.mine.title')}
          text={t('access.home.mine.text')}
          count={t('access.home.mine.count', { count: counts.active })}
          links={[
            ['/access/mine', t('access.home.mine.current')],
            ['/access/mine?all=1', t('access.home.mine.all')],
            ['/access/request', t('access.home.mine.request')],
          ]}
        />
        <Section
          id="home-invitations"
          title={t('access.home.invitations.title')}
          text={t('access.home.invitations.text')}
          links={
            manager
              ? [
                  ['/access/invitations/new', t('access.home.invitations.new')],
                  ['/access/invitations/templates', t('access.home.invitations.templates')],
                ]
              : null
          }
        />
      </ul>
    </Layout>
  );
}
