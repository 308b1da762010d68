import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { catalogOf, type Application } from '../access/catalog/service';
import { submitSelfRequest } from '../access/home/self-request-form';
import { requestEnterprise, requestEnterprises } from '../access/home/service';
import { requireSession, sessionActor } from '../authn/http-session';
import { personById } from '../identity/service';
import { unitsOf } from '../organisations/members/service';
import type { AppContext } from '../platform/context';
import { AppError, InputError, NotFoundError } from '../platform/errors';
import { FORM_LEVEL, formBody, formErrorsFromInputError, formErrorsFromZod, formValue, type FormBody } from '../platform/views/form-data';
import { parsePage } from '../platform/views/pagination';
import { HomePage } from './home';
import { reportForm } from './model';
import { appsFor, portalApp, reportProblem } from './service';
import { AppsPage } from './views/apps-page';
import { ReportPage, ReportSentPage } from './views/report-page';
import { PortalRequestedPage, PortalRequestPage, type PortalRequestProps, type RequestOutcome } from './views/request-page';

const idParams = z.object({ id: z.string().min(1).max(100) });
const requestedQuery = z.object({ state: z.enum(['requested', 'granted', 'scheduled']).catch('requested') });
const value = (values: FormBody, name: string) => formValue(values, name).trim();

/**
 * The front page and the application portal (seed 000, Plasma): the
 * person's applications with single sign-on links, every application with
 * "Demander l'accès", "Signaler un problème", and the managers' links to
 * role management. The list needs any identification; a request for access
 * needs the high level, as role management does (the guides' people
 * identify with eID or itsme): a lower session is sent to step up and
 * comes back to the form.
 */
export function portalRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/', async (_request, reply) => reply.render(<HomePage />));

  const anyLevel = { preHandler: requireSession('low') };
  const high = { preHandler: requireSession('high') };

  async function applicationOf(request: FastifyRequest): Promise<Application> {
    const params = idParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError();
    return (await portalApp(ctx, sessionActor(request), params.data.id)).application;
  }

  app.get('/apps', anyLevel, async (request, reply) => {
    const query = (request.query ?? {}) as FormBody;
    const q = value(query, 'q').slice(0, 100);
    const parsed = { all: value(query, 'all') === '1', q, page: parsePage(query.page) };
    const data = await appsFor(ctx, sessionActor(request), request.session!.loa, request.lang, parsed);
    return reply.render(<AppsPage data={data} query={{ ...parsed, page: data.pagination.page }} />);
  });

  // ——— "Demander l'accès": enterprise (GET), then role and properties (POST) ———

  async function requestPage(request: FastifyRequest, input: FormBody): Promise<{ props: PortalRequestProps; status: number }> {
    const params = idParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError();
    const catalog = await catalogOf(ctx);
    const application = catalog.application(params.data.id);
    // Citizen applications are open to everybody; an application without roles has nothing to ask for.
    if (!application || application.audience !== 'enterprise' || catalog.rolesOf(application.id).length === 0) throw new NotFoundError();
    const memberships = await requestEnterprises(ctx, sessionActor(request), request.lang);
    const values = Object.fromEntries(['enterprise', 'number', 'role', 'unit', 'validUntil', 'contactEmail', 'message'].map((k) => [k, formValue(input, k)]));
    const props: PortalRequestProps = { application, step: 'enterprise', memberships, roles: [], units: [], values };
    const chosen = value(input, 'enterprise');
    if (!chosen) return { props, status: 200 };
    const typed = chosen === 'other';
    try {
      props.enterprise = await requestEnterprise(ctx, typed ? value(input, 'number') : chosen, typed ? 'number' : 'enterprise', request.lang);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { props: { ...props, errors: formErrorsFromInputError(error, request.t) }, status: 400 };
    }
    props.step = 'role';
    props.values.enterprise = props.enterprise.number;
    props.roles = catalog.rolesOf(application.id);
    if (props.roles.some((r) => r.unitKind !== null)) props.units = await unitsOf(ctx, props.enterprise.number);
    return { props, status: 200 };
  }

  app.get('/apps/:id/request', high, async (request, reply) => {
    const { props, status } = await requestPage(request, (request.query ?? {}) as FormBody);
    if (props.step === 'role') props.values.contactEmail = (await personById(ctx, request.session!.personId))?.email ?? '';
    return reply.render(<PortalRequestPage {...props} />, status);
  });

  app.post('/apps/:id/request', high, async (request, reply) => {
    const body = formBody(request.body);
    const { props, status } = await requestPage(request, body);
    if (props.step !== 'role') return reply.render(<PortalRequestPage {...props} />, status === 200 ? 400 : status);
    const labels = {
      role: request.t('portal.request.role'),
      validUntil: request.t('portal.request.valid_until'),
      contactEmail: request.t('portal.request.email'),
      message: request.t('portal.request.message'),
    };
    const sent = await submitSelfRequest(ctx, request, { enterpriseNumber: props.enterprise!.number, applicationId: props.application.id }, body, {
      labels,
      roleRequired: 'portal.request.role_required',
      startsToday: true,
    });
    if ('errors' in sent) return reply.render(<PortalRequestPage {...props} errors={sent.errors} />, 400);
    const state: RequestOutcome = sent.outcome;
    return reply.redirect(`/apps/${encodeURIComponent(props.application.id)}/requested?state=${state}`, 303);
  });

  app.get('/apps/:id/requested', anyLevel, async (request, reply) => {
    const application = await applicationOf(request);
    return reply.render(<PortalRequestedPage application={application} outcome={requestedQuery.parse(request.query ?? {}).state} />);
  });

  // ——— "Signaler un problème" ———

  app.get('/apps/:id/report', anyLevel, async (request, reply) => {
    const application = await applicationOf(request);
    const person = await personById(ctx, request.session!.personId);
    return reply.render(<ReportPage application={application} values={{ subject: '', description: '', contactEmail: person?.email ?? '' }} />);
  });

  app.post('/apps/:id/report', anyLevel, async (request, reply) => {
    const application = await applicationOf(request);
    const body = formBody(request.body);
    const values = { subject: formValue(body, 'subject'), description: formValue(body, 'description'), contactEmail: formValue(body, 'contactEmail') };
    const parsed = reportForm.safeParse(body);
    if (!parsed.success) {
      const labels = { subject: request.t('portal.report.subject'), description: request.t('portal.report.description'), contactEmail: request.t('portal.report.email') };
      return reply.render(<ReportPage application={application} values={values} errors={formErrorsFromZod(parsed.error, request.t, labels)} />, 400);
    }
    try {
      await reportProblem(ctx, sessionActor(request), application, parsed.data, request.lang, request.id);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 429) throw error;
      return reply.render(<ReportPage application={application} values={values} errors={{ [FORM_LEVEL]: request.t(error.code, error.params) }} />, 429);
    }
    return reply.redirect(`/apps/${encodeURIComponent(application.id)}/report/sent`, 303);
  });

  app.get('/apps/:id/report/sent', anyLevel, async (request, reply) => {
    return reply.render(<ReportSentPage application={await applicationOf(request)} />);
  });
}
