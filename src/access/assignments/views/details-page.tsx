import type { ComponentChildren } from 'preact';
import { Banner } from '../../../platform/views/components/banner';
import { Button, ButtonLink, DateInput, Form, Radios, type FormErrors } from '../../../platform/views/components/form';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { RequestKind } from '../../model';
import { AccessNav } from '../../views/access-nav';
import { enterpriseLabel, type AssignmentDetails } from '../service';
import { HistoryTimeline } from './history-timeline';

/** What the details page says after a change: the kind asked, and whether it was decided at once. */
export interface Done {
  kind: RequestKind;
  decided: boolean;
}

function Summary(props: { details: AssignmentDetails }) {
  const { t, lang } = usePage();
  const d = props.details;
  const a = d.assignment;
  const rows: Array<[string, ComponentChildren]> = [
    [t('access.assignments.col.role'), d.role?.names[lang] ?? a.roleCode],
    [
      t('access.assignments.col.person'),
      <>
        {`${d.person.givenName} ${d.person.familyName}`}
        {d.email && (
          <>
            <br />
            {d.email}
          </>
        )}
      </>,
    ],
    [t('access.assignments.col.application'), d.application?.names[lang] ?? a.applicationId],
    [t('access.assignments.details.short'), d.role?.shortDescriptions[lang] ?? '-'],
    [t('access.assignments.details.long'), d.role?.longDescriptions[lang] ?? '-'],
    [t('access.assignments.details.enterprise'), enterpriseLabel(d.enterprise)],
    [t('access.assignments.col.start'), formatDate(a.validFrom)],
    [t('access.assignments.col.end'), a.validUntil ? formatDate(a.validUntil) : t('access.unlimited')],
    [t('access.assignments.col.status'), t(`access.status.${a.status}`)],
    [t('access.assignments.details.properties'), d.unit ? (d.unit.number ? `${d.unit.name} (${d.unit.number})` : d.unit.name) : t('access.assignments.details.none')],
  ];
  return (
    <dl class="summary-list">
      {rows.map(([label, value]) => (
        <div class="summary-list__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Frame(props: { details: AssignmentDetails; title: string; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <AccessNav current="manage" />
      <h1>{props.title}</h1>
      <p>
        {t('access.assignments.details.intro')}{' '}
        <a href={`/access/enterprises/${props.details.assignment.enterpriseNumber}/assignments`}>{t('access.assignments.details.back')}</a>
      </p>
      {props.children}
    </Layout>
  );
}

/** "Gestion des attributions de rôles - Détail": the assignment, the actions the manager may take (or the request waiting), and the history. */
export function DetailsPage(props: { details: AssignmentDetails; done?: Done }) {
  const { t } = usePage();
  const d = props.details;
  const base = `/access/assignments/${d.assignment.id}`;
  return (
    <Frame details={d} title={t('access.assignments.details.title')}>
      {props.done && (
        <Banner kind="success">
          <p>{t(props.done.decided ? `access.assignments.done.${props.done.kind}` : 'access.assignments.done.sent')}</p>
        </Banner>
      )}
      <h2>{t('access.assignments.details.heading')}</h2>
      <Summary details={d} />
      <h2>{t('access.assignments.actions.title')}</h2>
      {d.pending ? (
        <p>{t('access.assignments.details.pending', { kind: t(`access.request.${d.pending.kind}`) })}</p>
      ) : d.offered.length === 0 ? (
        <p>{t('access.assignments.details.no_action')}</p>
      ) : (
        <>
          <p>{t('access.assignments.details.actions')}</p>
          <div class="wizard__actions">
            {d.offered.map((kind) =>
              kind === 'deactivate' || kind === 'reactivate' ? (
                <Form action={`${base}/${kind}`} class="inline-form">
                  <Button variant="secondary">{t(`access.request.${kind}`)}</Button>
                </Form>
              ) : (
                <ButtonLink href={`${base}/${kind === 'change_validity' ? 'expiry' : kind}`}>{t(`access.request.${kind}`)}</ButtonLink>
              ),
            )}
          </div>
        </>
      )}
      <HistoryTimeline entries={d.history} />
    </Frame>
  );
}

/** "Êtes-vous sûr de vouloir arrêter cette attribution de rôle ?" */
export function ConfirmStopPage(props: { details: AssignmentDetails; errors?: FormErrors }) {
  const { t, lang } = usePage();
  const d = props.details;
  const base = `/access/assignments/${d.assignment.id}`;
  return (
    <Frame details={d} title={t('access.assignments.stop.title')}>
      <Summary details={d} />
      <Form action={`${base}/stop`} errors={props.errors}>
        <p>{t('access.assignments.stop.question', { person: `${d.person.givenName} ${d.person.familyName}`, role: d.role?.names[lang] ?? d.assignment.roleCode })}</p>
        <div class="wizard__actions">
          <ButtonLink href={base}>{t('common.cancel')}</ButtonLink>
          <Button>{t('access.assignments.stop.confirm')}</Button>
        </div>
      </Form>
    </Frame>
  );
}

/** "Modifier la date d'expiration" and "Recommencer": a new end date, or unlimited. */
export function ValidityPage(props: { details: AssignmentDetails; kind: 'change_validity' | 'restart'; values: Record<string, string>; errors?: FormErrors }) {
  const { t } = usePage();
  const d = props.details;
  const base = `/access/assignments/${d.assignment.id}`;
  const path = props.kind === 'restart' ? 'restart' : 'expiry';
  const endRequired = d.role?.endDateRequired ?? false;
  return (
    <Frame details={d} title={t(`access.assignments.${path}.title`)}>
      <Summary details={d} />
      <Form action={`${base}/${path}`} errors={props.errors} requiredNote>
        <Radios
          name="end"
          label={t('access.assignments.validity.end')}
          required
          value={props.values.end}
          options={[
            { value: 'date', label: t('access.assignments.validity.until') },
            ...(endRequired ? [] : [{ value: 'unlimited', label: t('access.unlimited') }]),
          ]}
        />
        <DateInput name="validUntil" label={t('access.assignments.validity.date')} hint={t('access.assignments.validity.hint')} value={props.values.validUntil} />
        <div class="wizard__actions">
          <ButtonLink href={base}>{t('common.cancel')}</ButtonLink>
          <Button>{t(`access.assignments.${path}.submit`)}</Button>
        </div>
      </Form>
    </Frame>
  );
}
