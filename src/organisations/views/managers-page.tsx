import { Banner } from '../../platform/views/components/banner';
import { ButtonLink } from '../../platform/views/components/form';
import { formatDate } from '../../platform/views/format';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { formatEnterpriseNumber, formatNrn } from '../../registries/identifiers';
import type { Application, Domain } from '../../access/catalog/model';
import { applicationNamesIn, domainNamesIn, mandateLabel, type ApplicationNames, type DomainNames } from '../labels';
import type { Section } from '../sections';
import type { ManagerView, ManagersOverview } from '../service';
import { EnterpriseSummary } from './enterprise-summary';
import { EnterpriseBar } from '../members/views/enterprise-bar';

export interface ManagersPageProps {
  overview: ManagersOverview;
  /** The catalog's domains, which name access managers' scopes. */
  domains: readonly Domain[];
  /** The catalog's applications, which name application administrators' scopes. */
  applications?: readonly Application[];
  /** The mandate ids the viewer may revoke. */
  revocable: Set<string>;
  mayDesignate: boolean;
  mayDesignatePrincipal: boolean;
  /** The sections of the enterprise bar the viewer may open. */
  sections: readonly Section[];
  done?: 'designated' | 'revoked';
}

/** "Gestionnaires d'accès" of one enterprise: who holds which mandate, until when, and the actions the viewer may take. */
export function ManagersPage(props: ManagersPageProps) {
  const { t, lang } = usePage();
  const { enterprise, managers } = props.overview;
  const domainName = domainNamesIn(props.domains, lang);
  const applicationName = applicationNamesIn(props.applications ?? [], lang);
  const title = t('organisations.managers.title');
  return (
    <Layout title={`${title} – ${enterprise.name ?? formatEnterpriseNumber(enterprise.number)}`}>
      {props.done && (
        <Banner kind="success">
          <p>{t(`organisations.managers.done.${props.done}`)}</p>
        </Banner>
      )}
      <EnterpriseBar enterprise={enterprise} current="managers" sections={props.sections} />
      <h1>{title}</h1>
      <EnterpriseSummary enterprise={enterprise} />
      <div class="wizard__actions">
        {props.mayDesignate && (
          <ButtonLink variant="primary" href={`/organisations/${enterprise.number}/managers/new`}>
            {t('organisations.managers.designate')}
          </ButtonLink>
        )}
        {props.mayDesignatePrincipal && <ButtonLink href="/organisations/register">{t('organisations.done.another_principal')}</ButtonLink>}
      </div>
      <div class="table-scroll" role="region" aria-labelledby="managers-caption" tabindex={0}>
        <table class="table">
          <caption id="managers-caption">{t('organisations.managers.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisations.person.name')}</th>
              <th scope="col">{t('organisations.person.nrn')}</th>
              <th scope="col">{t('organisations.managers.mandate')}</th>
              <th scope="col">{t('organisations.managers.validity')}</th>
              <th scope="col">{t('organisations.managers.state')}</th>
              <th scope="col">{t('organisations.managers.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {managers.map((m) => (
              <Row manager={m} revocable={props.revocable.has(m.id)} domainName={domainName} applicationName={applicationName} />
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function Row(props: { manager: ManagerView; revocable: boolean; domainName: DomainNames; applicationName: ApplicationNames }) {
  const { t } = usePage();
  const m = props.manager;
  const name = `${m.person.givenName} ${m.person.familyName}`;
  return (
    <tr id={`mandate-${m.id}`}>
      <th scope="row">{name}</th>
      <td>{formatNrn(m.person.nrn)}</td>
      <td>{mandateLabel(t, m, m.unit, props.domainName, props.applicationName)}</td>
      <td>
        {m.validUntil
          ? t('organisations.validity.bounded', { from: formatDate(m.validFrom), until: formatDate(m.validUntil) })
          : t('organisations.validity.unlimited', { from: formatDate(m.validFrom) })}
      </td>
      <td>{t(`organisations.state.${m.state}`)}</td>
      <td>
        {props.revocable && (
          <a href={`/organisations/${m.enterpriseNumber}/managers/${m.id}/revoke`}>
            {t('organisations.managers.revoke')}
            <span class="visually-hidden"> – {name}</span>
          </a>
        )}
      </td>
    </tr>
  );
}
