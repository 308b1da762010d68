import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSession, sessionActor } from '../../authn/http-session';
import { personById } from '../../identity/service';
import { unitsOf } from '../../organisations/members/service';
import { today } from '../../organisations/model';
import type { AppContext } from '../../platform/context';
import { AppError, InputError, NotFoundError } from '../../platform/errors';
import { formBody, formErrorsFromInputError, formValue, type FormBody } from '../../platform/views/form-data';
import { parsePage } from '../../platform/views/pagination';
import { catalogOf } from '../catalog/service';
import { submitSelfRequest } from './self-request-form';
import { homeCounts, myAssignment, myAssignments, requestableApplications, requestEnterprise, requestEnterprises, stopOwn } from './service';
import { HomePage } from './views/home-page';
import { MineDetailsPage, MinePage, StopPage, type MineDone } from './views/mine-page';
import { RequestPage, type RequestPageProps } from './views/request-page';

const idParams = z.object({ id: z.string().max(40) });
const doneQuery = z.object({ done: z.enum(['requested', 'granted', 'scheduled', 'stopped']).optional().catch(undefined) });

function idParam(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** A value of a query or form as one string. */
const value = (values: FormBody, name: string) => formValue(values, name).trim();

/**
 * The home of role management (seed 001, "Commencer à travailler avec Ma
 * gestion des rôles eGov"), a person's own assignments ("Mes attributions de
 * rôles") with their history and "Arrêter", and the self-request. The high
 * level is needed everywhere, as in the guide (eID or itsme).
 */
export function homeAccessRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireSession('high'));

  app.get('/access', async (request, reply) => {
    return reply.render(<HomePage counts={await homeCounts(ctx, sessionActor(request))} />);
  });

  // ——— my assignments ———

  app.get('/access/mine', async (request, reply) => {
    const query = (request.query ?? {}) as FormBody;
    const all = value(query, 'all') === '1';
    const data = await myAssignments(ctx, sessionActor(request), { all, page: parsePage(query.page), lang: request.lang });
    return reply.render(<MinePage data={data} all={all} query={{ q: '', page: data.pagination.page, sort: undefined, dir: 'asc' }} />);
  });

  app.get('/access/mine/:id', async (request, reply) => {
    const details = await myAssignment(ctx, sessionActor(request), idParam(request.params), request.lang);
    return reply.render(<MineDetailsPage details={details} done={doneQuery.parse(request.query ?? {}).done as MineDone | undefined} />);
  });

  app.get('/access/mine/:id/stop', async (request, reply) => {
    const details = await myAssignment(ctx, sessionActor(request), idParam(request.params), request.lang);
    if (!details.mayStop) return reply.redirect(`/access/mine/${details.assignment.id}`, 303);
    return reply.render(<StopPage details={details} />);
  });

  app.post('/access/mine/:id/stop', async (request, reply) => {
    const id = idParam(request.params);
    try {
      await stopOwn(ctx, sessionActor(request), id, request.id);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      const details = await myAssignment(ctx, sessionActor(request), id, request.lang);
      return reply.render(<StopPage details={details} failure={request.t(error.code, error.params)} />, 409);
    }
    return reply.redirect(`/access/mine/${id}?done=stopped`, 303);
  });

  // ——— self-request: enterprise (GET), application (GET), then the request itself (POST) ———

  async function requestPage(request: FastifyRequest, input: FormBody): Promise<{ props: RequestPageProps; status: number }> {
    const catalog = await catalogOf(ctx);
    const memberships = await requestEnterprises(ctx, sessionActor(request), request.lang);
    const values = Object.fromEntries(['enterprise', 'number', 'application', 'role', 'unit', 'validFrom', 'validUntil', 'contactEmail', 'message'].map((k) => [k, formValue(input, k)]));
    const props: RequestPageProps = { step: 'enterprise', memberships, applications: [], roles: [], units: [], values };
    // Nothing submitted yet: the first step. A number typed without choosing "other" counts as the choice.
    if (input.enterprise === undefined && input.number === undefined) return { props, status: 200 };
    const chosen = value(input, 'enterprise');
    const typed = chosen === '' || chosen === 'other';
    const field = typed && (chosen === 'other' || memberships.length === 0) ? 'number' : 'enterprise';
    try {
      props.enterprise = await requestEnterprise(ctx, typed ? value(input, 'number') : chosen, field, request.lang);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { props: { ...props, errors: formErrorsFromInputError(error, request.t) }, status: 400 };
    }
    props.step = 'application';
    props.values.enterprise = props.enterprise.number;
    props.applications = requestableApplications(catalog);
    const applicationId = value(input, 'application');
    if (input.application === undefined) return { props, status: 200 };
    const application = props.applications.find((a) => a.id === applicationId);
    if (!application) return { props: { ...props, errors: { application: request.t('access.home.request.application_required') } }, status: 400 };
    props.step = 'role';
    props.application = application;
    props.roles = catalog.rolesOf(application.id);
    if (props.roles.some((r) => r.unitKind !== null)) props.units = await unitsOf(ctx, props.enterprise.number);
    return { props, status: 200 };
  }

  app.get('/access/request', async (request, reply) => {
    const query = (request.query ?? {}) as FormBody;
    const { props, status } = await requestPage(request, query);
    if (props.step === 'role') {
      // The form starts from today and the address the person's notices go to.
      const person = await personById(ctx, request.session!.personId);
      props.values.validFrom = today(ctx.clock.now());
      props.values.contactEmail = person?.email ?? '';
    }
    return reply.render(<RequestPage {...props} />, status);
  });

  app.post('/access/request', async (request, reply) => {
    const body = formBody(request.body);
    const { props, status } = await requestPage(request, body);
    if (props.step !== 'role') return reply.render(<RequestPage {...props} />, status === 200 ? 400 : status);
    const labels = {
      role: request.t('access.home.request.role'),
      validFrom: request.t('access.home.request.valid_from'),
      validUntil: request.t('access.home.request.valid_until'),
      contactEmail: request.t('access.home.request.email'),
      message: request.t('access.home.request.message'),
    };
    const sent = await submitSelfRequest(ctx, request, { enterpriseNumber: props.enterprise!.number, applicationId: props.application!.id }, body, {
      labels,
      roleRequired: 'access.home.request.role_required',
      startsToday: false,
    });
    if ('errors' in sent) return reply.render(<RequestPage {...props} errors={sent.errors} />, 400);
    const done: MineDone = sent.outcome;
    return reply.redirect(`/access/mine/${sent.assignmentId}?done=${done}`, 303);
  });
}
