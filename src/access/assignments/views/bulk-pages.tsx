import type { MessageKey } from '../../../platform/i18n/catalog';
import { Banner } from '../../../platform/views/components/banner';
import { Button, ButtonLink, Form } from '../../../platform/views/components/form';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { Enterprise } from '../../../registries/ports';
import { AccessNav } from '../../views/access-nav';
import { enterpriseLabel, type SelectedAssignment, type StopOutcome } from '../service';

function Line(props: { s: SelectedAssignment }) {
  const { t, lang } = usePage();
  const { assignment: a, person, role } = props.s;
  const name = person ? `${person.givenName} ${person.familyName}` : '';
  return (
    <>
      {`${name} — ${role?.names[lang] ?? a.roleCode} (${formatDate(a.validFrom)} – ${a.validUntil ? formatDate(a.validUntil) : t('access.unlimited')}, ${t(`access.status.${a.status}`)})`}
    </>
  );
}

/** "Arrêter la sélection": the selected assignments, and "Êtes-vous sûr… ?". */
export function BulkConfirmPage(props: { enterprise: Enterprise; selected: SelectedAssignment[] }) {
  const { t } = usePage();
  const base = `/access/enterprises/${props.enterprise.number}/assignments`;
  return (
    <Layout title={t('access.assignments.bulk.title')}>
      <AccessNav current="manage" />
      <h1>{t('access.assignments.bulk.title')}</h1>
      <p>{enterpriseLabel(props.enterprise)}</p>
      {props.selected.length === 0 ? (
        <>
          <p>{t('access.assignments.bulk.none')}</p>
          <ButtonLink href={base}>{t('access.assignments.details.back')}</ButtonLink>
        </>
      ) : (
        <Form action={`${base}/stop`}>
          <p>{t('access.assignments.bulk.question', { count: props.selected.length })}</p>
          <ul>
            {props.selected.map((s) => (
              <li>
                <Line s={s} />
                <input type="hidden" name="a" value={s.assignment.id} />
              </li>
            ))}
          </ul>
          <div class="wizard__actions">
            <ButtonLink href={base}>{t('common.cancel')}</ButtonLink>
            <Button>{t('access.assignments.bulk.confirm')}</Button>
          </div>
        </Form>
      )}
    </Layout>
  );
}

/** What became of each: stopped (or sent for a decision), or why not. */
export function BulkResultPage(props: { enterprise: Enterprise; outcomes: StopOutcome[] }) {
  const { t } = usePage();
  const done = props.outcomes.filter((o) => o.error === null);
  const failed = props.outcomes.filter((o) => o.error !== null);
  return (
    <Layout title={t('access.assignments.bulk.result_title')}>
      <AccessNav current="manage" />
      <h1>{t('access.assignments.bulk.result_title')}</h1>
      {done.length > 0 && (
        <Banner kind="success">
          <p>{t('access.assignments.bulk.stopped', { count: done.length })}</p>
          <ul>
            {done.map((o) => (
              <li>
                <Line s={o} />
              </li>
            ))}
          </ul>
        </Banner>
      )}
      {failed.length > 0 && (
        <Banner kind="failure" title={t('access.assignments.bulk.not_stopped', { count: failed.length })}>
          <ul>
            {failed.map((o) => (
              <li>
                <Line s={o} />: {t(o.error!.code as MessageKey, o.error!.params)}
              </li>
            ))}
          </ul>
        </Banner>
      )}
      <p>
        <a href={`/access/enterprises/${props.enterprise.number}/assignments`}>{t('access.assignments.details.back')}</a>
      </p>
    </Layout>
  );
}
