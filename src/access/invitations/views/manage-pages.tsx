import { Banner } from '../../../platform/views/components/banner';
import { Button, ButtonLink, Form } from '../../../platform/views/components/form';
import { SummaryList } from '../../../platform/views/components/wizard';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { Catalog } from '../../catalog/service';
import { AccessNav } from '../../views/access-nav';
import { parseRoleKey } from '../model';
import type { InvitationRole, InvitationSummary, Template } from '../service';
import { enterpriseLabel } from './labels';

/** Enterprise numbers → names, for the lists. */
export type Names = Map<string, string>;

function RolesCell(props: { roles: InvitationRole[]; catalog: Catalog; names: Names }) {
  const { lang } = usePage();
  return (
    <ul class="link-list">
      {props.roles.map((r) => {
        const role = props.catalog.role(r.applicationId, r.roleCode);
        const app = props.catalog.application(r.applicationId);
        return (
          <li>
            {app && role ? `${app.names[lang]} – ${role.names[lang]}` : `${r.applicationId}/${r.roleCode}`}
            {' · '}
            {enterpriseLabel({ name: props.names.get(r.enterpriseNumber) ?? '', number: r.enterpriseNumber })}
          </li>
        );
      })}
    </ul>
  );
}

/** "Gestion des invitations": send a new one, templates, and the manager's invitations with their state. */
export function InvitationsPage(props: { invitations: InvitationSummary[]; catalog: Catalog; names: Names; done?: 'withdrawn' }) {
  const { t } = usePage();
  return (
    <Layout title={t('access.nav.invitations')}>
      <AccessNav current="invitations" />
      <h1>{t('access.nav.invitations')}</h1>
      {props.done === 'withdrawn' && (
        <Banner kind="success">
          <p>{t('access.invitations.list.withdrawn')}</p>
        </Banner>
      )}
      <p>{t('access.invitations.list.intro')}</p>
      <p>
        <ButtonLink href="/access/invitations/new" variant="primary">
          {t('access.invitations.list.new')}
        </ButtonLink>
      </p>
      <p>
        <a href="/access/invitations/templates">{t('access.invitations.list.templates')}</a>
      </p>
      <h2>{t('access.invitations.list.title')}</h2>
      {props.invitations.length === 0 ? (
        <p>{t('access.invitations.list.empty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="invitations-caption" tabindex={0}>
          <table class="table">
            <caption id="invitations-caption">{t('access.invitations.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.invitations.list.created')}</th>
                <th scope="col">{t('access.invitations.list.roles')}</th>
                <th scope="col">{t('access.invitations.list.expires')}</th>
                <th scope="col">{t('access.invitations.list.status')}</th>
                <th scope="col" class="table__cell--numeric">{t('access.invitations.list.acceptances')}</th>
                <th scope="col">{t('access.invitations.list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.invitations.map((i) => (
                <tr>
                  <th scope="row">{formatDate(i.createdAt.toISOString().slice(0, 10))}</th>
                  <td>
                    <RolesCell roles={i.roles} catalog={props.catalog} names={props.names} />
                  </td>
                  <td>{formatDate(i.lastDay)}</td>
                  <td>{t(`access.invitations.state.${i.state}`)}</td>
                  <td class="table__cell--numeric">{i.acceptances}</td>
                  <td>{i.state === 'open' && <a href={`/access/invitations/${i.id}/withdraw`}>{t('access.invitations.list.withdraw')}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** "Retirer l'invitation ?": the link stops working; requests already made stay. */
export function WithdrawPage(props: { invitation: InvitationSummary; catalog: Catalog; names: Names }) {
  const { t } = usePage();
  const i = props.invitation;
  return (
    <Layout title={t('access.invitations.withdraw.title')}>
      <AccessNav current="invitations" />
      <h1>{t('access.invitations.withdraw.title')}</h1>
      <SummaryList
        items={[
          { label: t('access.invitations.list.created'), value: formatDate(i.createdAt.toISOString().slice(0, 10)) },
          { label: t('access.invitations.list.roles'), value: <RolesCell roles={i.roles} catalog={props.catalog} names={props.names} /> },
          { label: t('access.invitations.list.expires'), value: formatDate(i.lastDay) },
          { label: t('access.invitations.list.acceptances'), value: String(i.acceptances) },
        ]}
      />
      <p>{t('access.invitations.withdraw.text')}</p>
      <Form action={`/access/invitations/${i.id}/withdraw`}>
        <div class="wizard__actions">
          <ButtonLink href="/access/invitations">{t('common.cancel')}</ButtonLink>
          <Button>{t('access.invitations.withdraw.confirm')}</Button>
        </div>
      </Form>
    </Layout>
  );
}

/** "Opération réussie !": the link, shown this once, and what was sent. */
export function CreatedPage(props: { link: string; persons: number; template: string | null }) {
  const { t } = usePage();
  return (
    <Layout title={t('access.invitations.created.title')}>
      <AccessNav current="invitations" />
      <h1>{t('access.invitations.created.title')}</h1>
      <Banner kind="success">
        <p>{props.persons > 0 ? t('access.invitations.created.sent', { count: props.persons }) : t('access.invitations.created.not_sent')}</p>
        {props.template && <p>{t('access.invitations.created.template', { name: props.template })}</p>}
      </Banner>
      <p>{t('access.invitations.created.use_link')}</p>
      <div class="field">
        <label class="field__label" for="invitation-link">
          {t('access.invitations.created.link')}
        </label>
        <div id="invitation-link-hint" class="field__hint">
          {t('access.invitations.created.once')}
        </div>
        <input class="input input--long" id="invitation-link" type="text" readonly value={props.link} aria-describedby="invitation-link-hint" spellcheck={false} />
      </div>
      <p>
        <ButtonLink href="/access/invitations" variant="primary">
          {t('access.invitations.created.continue')}
        </ButtonLink>
      </p>
    </Layout>
  );
}

/** "Modèles d'invitation": reuse one (the wizard opens filled in) or delete it. */
export function TemplatesPage(props: { templates: Template[]; catalog: Catalog; names: Names; done?: 'deleted' }) {
  const { t } = usePage();
  const roles = (tpl: Template): InvitationRole[] =>
    (tpl.content?.roles ?? []).flatMap((key) => {
      const parsed = parseRoleKey(key);
      return parsed ? [{ ...parsed, unitId: null }] : [];
    });
  return (
    <Layout title={t('access.invitations.templates.title')}>
      <AccessNav current="invitations" />
      <h1>{t('access.invitations.templates.title')}</h1>
      {props.done === 'deleted' && (
        <Banner kind="success">
          <p>{t('access.invitations.templates.deleted')}</p>
        </Banner>
      )}
      <p>{t('access.invitations.templates.intro')}</p>
      {props.templates.length === 0 ? (
        <p>{t('access.invitations.templates.empty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="templates-caption" tabindex={0}>
          <table class="table">
            <caption id="templates-caption">{t('access.invitations.templates.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.invitations.templates.name')}</th>
                <th scope="col">{t('access.invitations.templates.description')}</th>
                <th scope="col">{t('access.invitations.list.roles')}</th>
                <th scope="col">{t('access.invitations.list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.templates.map((tpl) => (
                <tr>
                  <th scope="row">{tpl.name}</th>
                  <td>{tpl.description}</td>
                  <td>{tpl.content ? <RolesCell roles={roles(tpl)} catalog={props.catalog} names={props.names} /> : t('access.invitations.templates.unreadable')}</td>
                  <td>
                    {tpl.content && (
                      <p>
                        <a href={`/access/invitations/new?template=${tpl.id}`}>
                          {t('access.invitations.templates.use')}
                          <span class="visually-hidden"> {tpl.name}</span>
                        </a>
                      </p>
                    )}
                    <Form action={`/access/invitations/templates/${tpl.id}/delete`}>
                      <Button variant="link">
                        {t('access.invitations.templates.delete')}
                        <span class="visually-hidden"> {tpl.name}</span>
                      </Button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href="/access/invitations">{t('access.invitations.templates.back')}</a>
      </p>
    </Layout>
  );
}
