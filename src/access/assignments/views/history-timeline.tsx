import type { MessageKey } from '../../../platform/i18n/catalog';
import { formatDate } from '../../../platform/views/format';
import { usePage } from '../../../platform/views/page-context';
import type { HistoryAction } from '../../model';

/** One line of a timeline, as `timelineOf` (assignments/service.ts) gives it. */
export interface TimelineLine {
  id: string;
  at: Date;
  /** The actor's name; null: "Automatique". */
  actorName: string | null;
  action: HistoryAction;
  details: Record<string, unknown>;
}

const brussels = new Intl.DateTimeFormat('fr-BE', {
  timeZone: 'Europe/Brussels',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "12/06/2017 - 15:06:02", Brussels time, as the guide's timeline shows it. */
export function formatMoment(at: Date): string {
  const parts = Object.fromEntries(brussels.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} - ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * "Historique de l'attribution de rôle": date, actor (or "Automatique"),
 * action and further information, newest first. Reusable by any page that
 * shows an assignment (the manager's details, the person's own view).
 */
export function HistoryTimeline(props: { entries: readonly TimelineLine[]; id?: string }) {
  const { t } = usePage();
  const id = props.id ?? 'history';
  return (
    <section aria-labelledby={`${id}-title`} class="history">
      <h2 id={`${id}-title`}>{t('access.assignments.history.title')}</h2>
      {props.entries.length === 0 ? (
        <p>{t('access.assignments.history.empty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby={`${id}-title`} tabindex={0}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('access.assignments.history.date')}</th>
                <th scope="col">{t('access.assignments.history.actor')}</th>
                <th scope="col">{t('access.assignments.history.action')}</th>
                <th scope="col">{t('access.assignments.history.information')}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td>
                    <time dateTime={e.at.toISOString()}>{formatMoment(e.at)}</time>
                  </td>
                  <td>{e.actorName ?? t('access.history.automatic')}</td>
                  <td>{t(`access.history.${e.action}` as MessageKey)}</td>
                  <td>{information(t, e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function information(t: ReturnType<typeof usePage>['t'], details: Record<string, unknown>): string {
  const parts: string[] = [];
  if ('validUntil' in details) {
    const until = details.validUntil;
    parts.push(t('access.assignments.history.until', { until: typeof until === 'string' ? formatDate(until) : t('access.unlimited') }));
  }
  if (typeof details.reason === 'string' && details.reason) parts.push(t('access.assignments.history.reason', { reason: details.reason }));
  return parts.join(' · ');
}
