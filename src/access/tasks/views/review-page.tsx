import type { ComponentChildren } from 'preact';
import { Banner } from '../../../platform/views/components/banner';
import { Form, Textarea, type FormErrors } from '../../../platform/views/components/form';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import { AccessNav } from '../../views/access-nav';
import type { Review } from '../service';
import { isoDay, personName } from './tasks-page';

/** Where a review goes on from: the next requests, or the list when none is left. */
export function reviewHref(ids: readonly string[], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (ids.length === 0) return `/access/tasks${params.size > 0 ? `?${params}` : ''}`;
  return `/access/tasks/review?${new URLSearchParams({ ids: ids.join(','), ...extra })}`;
}

interface ReviewProps {
  review: Review;
  /** The ids still to review, the shown one first. */
  ids: string[];
}

/** The request shown, in the guide's two blocks: "Détails de la demande" and "Contenu de la demande". */
function RequestSummary(props: ReviewProps) {
  const { t, lang } = usePage();
  const { task, enterpriseName, requesterName } = props.review.current;
  const role = props.review.catalog.role(task.applicationId, task.roleCode);
  const application = props.review.catalog.application(task.applicationId);
  const rows: Array<[string, string]> = [
    [t('access.tasks.review.user'), personName(task)],
    [t('access.tasks.review.date'), formatDate(isoDay(task.requestedAt))],
    [t('access.tasks.review.email'), task.email ?? '—'],
    ...(requesterName ? [[t('access.tasks.review.requested_by'), requesterName] as [string, string]] : []),
    [t('access.tasks.review.via'), t(`access.tasks.review.via.${task.via}`)],
    ...(task.message ? [[t('access.tasks.review.message'), task.message] as [string, string]] : []),
  ];
  const content: Array<[string, string]> = [
    [t('access.tasks.review.kind'), t(`access.request.${task.kind}`)],
    [t('access.tasks.review.role'), role ? t('access.tasks.review.role_value', { role: role.names[lang], description: role.shortDescriptions[lang] }) : task.roleCode],
    [t('access.tasks.review.application'), application?.names[lang] ?? task.applicationId],
    [t('access.tasks.review.enterprise'), `${enterpriseName} (${formatEnterpriseNumber(task.enterpriseNumber)})`],
    ...(task.unitName ? [[t('access.tasks.review.unit'), task.unitName] as [string, string]] : []),
    [t('access.tasks.review.validity'), t('access.tasks.review.validity_value', { from: formatDate(task.validFrom), until: task.validUntil ? formatDate(task.validUntil) : t('access.unlimited') })],
    [t('access.tasks.review.properties'), t('common.none')],
  ];
  const list = (items: Array<[string, string]>) => (
    <dl class="summary-list">
      {items.map(([term, value]) => (
        <div class="summary-list__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      <h3>{t('access.tasks.review.details')}</h3>
      {list(rows)}
      <h3>{t('access.tasks.review.content')}</h3>
      {list(content)}
    </>
  );
}

function ReviewFrame(props: ReviewProps & { done?: 'approved' | 'rejected'; failure?: string; children: ComponentChildren }) {
  const { t, lang } = usePage();
  const { review } = props;
  const task = review.current.task;
  const roleName = review.catalog.role(task.applicationId, task.roleCode)?.names[lang] ?? task.roleCode;
  const heading =
    task.kind === 'assign'
      ? t('access.tasks.review.heading', { role: roleName, person: personName(task) })
      : t('access.tasks.review.heading_change', { kind: t(`access.request.${task.kind}`), role: roleName, person: personName(task) });
  return (
    <Layout title={heading}>
      <AccessNav current="tasks" />
      {props.done && (
        <Banner kind="success">
          <p>{t(`access.tasks.done.${props.done}`)}</p>
        </Banner>
      )}
      {props.failure && (
        <Banner kind="failure">
          <p>{props.failure}</p>
        </Banner>
      )}
      <h1>{t('access.tasks.review.title')}</h1>
      <p>{t('access.tasks.review.selected')}</p>
      <ol>
        {review.selected.map((r) => (
          <li aria-current={r.requestId === task.requestId ? 'step' : undefined}>
            {r.requestId === task.requestId ? <strong>{`${review.catalog.role(r.applicationId, r.roleCode)?.names[lang] ?? r.roleCode} – ${personName(r)}`}</strong> : `${review.catalog.role(r.applicationId, r.roleCode)?.names[lang] ?? r.roleCode} – ${personName(r)}`}
          </li>
        ))}
      </ol>
      <p>
        <a href="/access/tasks">{t('access.tasks.review.back')}</a>
      </p>
      <h2>{heading}</h2>
      {props.children}
    </Layout>
  );
}

/** "Évaluer une demande d'attribution de rôle": one request at a time, with skip, reject and approve. */
export function ReviewPage(props: ReviewProps & { done?: 'approved' | 'rejected'; failure?: string }) {
  const { t } = usePage();
  const rest = props.ids.slice(1);
  const decided = props.review.current.decided;
  return (
    <ReviewFrame {...props} failure={props.failure ?? (decided ? t('access.errors.already_decided') : undefined)}>
      {!decided && <p>{t('access.tasks.review.explain')}</p>}
      <RequestSummary {...props} />
      <Form action="/access/tasks/review">
        <input type="hidden" name="ids" value={props.ids.join(',')} />
        <div class="wizard__actions">
          <a class="button button--secondary" href={reviewHref(rest)}>{t('access.tasks.review.skip')}</a>
          {!decided && (
            <a class="button button--secondary" href={`/access/tasks/review/reject?${new URLSearchParams({ ids: props.ids.join(',') })}`}>
              {t('access.tasks.review.reject')}
            </a>
          )}
          {!decided && (
            <button type="submit" class="button" name="_action" value="approve">
              {t('access.tasks.review.approve')}
            </button>
          )}
        </div>
      </Form>
    </ReviewFrame>
  );
}

/** The second screen of a rejection: the reason is mandatory, and the requester receives it. */
export function RejectPage(props: ReviewProps & { reason?: string; errors?: FormErrors }) {
  const { t } = usePage();
  const task = props.review.current.task;
  return (
    <ReviewFrame {...props}>
      <h3>{t('access.tasks.reject.title')}</h3>
      <Form action="/access/tasks/review/reject" errors={props.errors} requiredNote>
        <input type="hidden" name="ids" value={props.ids.join(',')} />
        <p>{t('access.tasks.reject.intro', { person: personName(task) })}</p>
        <Textarea name="reason" label={t('access.tasks.reject.reason')} required value={props.reason} rows={4} />
        <div class="wizard__actions">
          <a class="button button--secondary" href={reviewHref(props.ids)}>{t('access.tasks.reject.back')}</a>
          <button type="submit" class="button">{t('access.tasks.reject.confirm')}</button>
        </div>
      </Form>
      <RequestSummary {...props} />
    </ReviewFrame>
  );
}
