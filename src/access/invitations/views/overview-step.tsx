import { SummaryList, WizardOverview, type WizardStep } from '../../../platform/views/components/wizard';
import { formatDate } from '../../../platform/views/format';
import { usePage } from '../../../platform/views/page-context';
import { unitsByRole } from '../model';
import { enterpriseLabel, roleOptionLabel } from './labels';
import type { WizardPageProps } from './wizard-page';

/** "Étape 6 : Aperçu": every step's content with "Modifier", then "Terminer l'invitation". */
export function OverviewStep(props: WizardPageProps & { steps: WizardStep[] }) {
  const { t, lang } = usePage();
  const { data, scope } = props;
  const enterprises = scope.filter((e) => data.enterprises?.enterprises.includes(e.number));
  const offered = new Map(scope.flatMap((e) => e.roles.map((r) => [r.key, r] as const)));
  const units = unitsByRole(data.properties?.units ?? []);
  const persons = data.persons?.persons ?? [];
  const details = data.details;
  const until = data.properties?.validUntil ? formatDate(data.properties.validUntil) : t('access.unlimited');
  return (
    <WizardOverview
      steps={props.steps}
      summaries={{
        enterprises: (
          <ul>
            {enterprises.map((e) => (
              <li>{enterpriseLabel(e)}</li>
            ))}
          </ul>
        ),
        roles: (
          <>
            {enterprises.map((e) => (
              <>
                <p>{enterpriseLabel(e)}</p>
                <ul>
                  {(data.roles?.roles ?? [])
                    .filter((k) => k.startsWith(`${e.number}/`))
                    .map((k) => offered.get(k))
                    .map((r) => r && <li>{roleOptionLabel(r, lang)}</li>)}
                </ul>
              </>
            ))}
          </>
        ),
        properties: (
          <>
            <p>{t('access.invitations.overview.period', { from: formatDate(data.properties?.validFrom ?? ''), until })}</p>
            <ul>
              {(data.roles?.roles ?? []).map((k) => {
                const r = offered.get(k);
                const unit = r?.units.find((u) => u.id === units.get(k));
                return r && unit && <li>{t('access.invitations.overview.unit', { role: roleOptionLabel(r, lang), unit: unit.name })}</li>;
              })}
            </ul>
          </>
        ),
        persons:
          persons.length === 0 ? (
            <p>{t('access.invitations.overview.no_persons')}</p>
          ) : (
            <table class="table">
              <caption class="visually-hidden">{t('access.invitations.persons.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('access.invitations.persons.family_name')}</th>
                  <th scope="col">{t('access.invitations.persons.given_name')}</th>
                  <th scope="col">{t('access.invitations.persons.email')}</th>
                </tr>
              </thead>
              <tbody>
                {persons.map((p) => (
                  <tr>
                    <td>{p.familyName}</td>
                    <td>{p.givenName}</td>
                    <td>{p.email}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ),
        details: details && (
          <SummaryList
            items={[
              { label: t('access.invitations.details.message'), value: details.message || t('access.invitations.public.no_message') },
              { label: t('access.invitations.overview.save'), value: details.saveTemplate === 'yes' ? `${t('common.yes')} – ${details.templateName}` : t('common.no') },
              { label: t('access.invitations.overview.expires'), value: formatDate(details.expiresOn) },
            ]}
          />
        ),
      }}
    />
  );
}
