import { atLeast, type Loa } from '../authn/loa';
import { catalogOf, type Application } from '../access/catalog/service';
import { applicationAccessOf } from '../access/service';
import { personById } from '../identity/service';
import { currentMandatesOf, type ActorRef } from '../organisations/service';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { AppError, NotFoundError } from '../platform/errors';
import type { Lang } from '../platform/i18n/languages';
import { enqueueEmail } from '../platform/outbox';
import { paginate, pageOf, type Pagination } from '../platform/views/pagination';
import { APPS_PAGE_SIZE, matchesSearch, portalApps, REPORT_LIMIT, REPORT_WINDOW_MS, type PortalApp, type ReportInput } from './model';
import { problemReportAcknowledgement, problemReportEmail } from './notices';
import * as store from './store';

export type { PortalApp } from './model';

export interface AppsQuery {
  /** Every current application of the catalog, not only the person's. */
  all: boolean;
  q: string;
  page: number;
}

export interface AppsPage {
  items: Array<PortalApp & { stepUp: boolean }>;
  pagination: Pagination;
  /** How many applications the person may use, and how many the catalog has: the toggle shows both. */
  mine: number;
  all: number;
  /** Whether the person holds a current mandate: the managers' links are shown then. */
  manager: boolean;
}

/**
 * "Applications": those the person may use (an active role for it in any
 * enterprise, or a citizen application), or every application with what
 * the person may do about each; searched by name and description, 10 a
 * page. `stepUp` says the application asks a higher level than the
 * session's: opening it will ask for a stronger key.
 */
export async function appsFor(ctx: AppContext, who: ActorRef, sessionLoa: Loa, lang: Lang, query: AppsQuery): Promise<AppsPage> {
  const [catalog, access, mandates] = await Promise.all([catalogOf(ctx), applicationAccessOf(ctx, who.personId), currentMandatesOf(ctx, who.personId)]);
  const everything = portalApps(catalog.applications, access, (id) => catalog.rolesOf(id).length > 0);
  const usable = everything.filter((a) => a.state === 'usable');
  const listed = (query.all ? everything : usable).filter((a) => matchesSearch(a.application, query.q, lang));
  const pagination = paginate(listed.length, query.page, APPS_PAGE_SIZE);
  return {
    items: pageOf(listed, pagination).map((a) => ({ ...a, stepUp: !atLeast(sessionLoa, a.application.minLoa) })),
    pagination,
    mine: usable.length,
    all: everything.length,
    manager: mandates.length > 0,
  };
}

/** One application with where the person stands; 404 for an application the catalog does not (or no longer) hold. */
export async function portalApp(ctx: AppContext, who: ActorRef, applicationId: string): Promise<PortalApp> {
  const catalog = await catalogOf(ctx);
  const application = catalog.application(applicationId);
  if (!application) throw new NotFoundError();
  const access = await applicationAccessOf(ctx, who.personId);
  return portalApps([application], access, (id) => catalog.rolesOf(id).length > 0)[0]!;
}

/**
 * Records a problem report, e-mails it to the application's support
 * contact and acknowledges it to the person (at the address given, else
 * their profile's), all in one transaction with its audit event. At most
 * {@link REPORT_LIMIT} reports per person an hour: the next ones get
 * `portal.report.too_many` (429).
 */
export async function reportProblem(ctx: AppContext, who: ActorRef, application: Application, input: ReportInput, lang: Lang, requestId?: string): Promise<string> {
  const person = await personById(ctx, who.personId);
  if (!person) throw new NotFoundError();
  const now = ctx.clock.now();
  const name = `${person.givenName} ${person.familyName}`;
  const contact = input.contactEmail || null;
  const sentTo = application.supportEmail;
  return ctx.db.transaction().execute(async (trx) => {
    const recent = await store.lockAndCountRecentReports(trx, who.personId, new Date(now.getTime() - REPORT_WINDOW_MS));
    if (recent >= REPORT_LIMIT) throw new AppError('portal.report.too_many', 429, { count: REPORT_LIMIT });
    const id = await store.insertReport(trx, { personId: who.personId, applicationId: application.id, subject: input.subject, description: input.description, contactEmail: contact, sentTo }, now);
    if (sentTo) {
      await enqueueEmail(trx, {
        to: sentTo,
        lang,
        template: problemReportEmail,
        params: { application: application.names[lang], subject: input.subject, description: input.description, person: name, contact: contact ?? '—', reference: id },
        at: now,
      });
    }
    const ackTo = contact ?? person.email;
    if (ackTo) {
      await enqueueEmail(trx, {
        to: ackTo,
        lang: person.language ?? lang,
        template: problemReportAcknowledgement,
        params: { name, url: `${ctx.config.publicUrl}/apps`, application: application.names[person.language ?? lang], subject: input.subject, sent: sentTo !== null },
        at: now,
      });
    }
    await recordAudit(trx, now, {
      actor: `person:${who.nrn}`,
      action: 'portal.problem_reported',
      target: `application:${application.id}`,
      details: { reportId: id, sentTo, acknowledged: ackTo !== null },
      requestId,
    });
    return id;
  });
}
