import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSession, sessionActor } from '../../authn/http-session';
import type { AppContext } from '../../platform/context';
import { AppError, InputError, NotFoundError } from '../../platform/errors';
import { dateField, formBody, formErrorsFromInputError, formErrorsFromZod, formValue, formValues, FORM_LEVEL, type FormBody } from '../../platform/views/form-data';
import { parseListQuery } from '../../platform/views/pagination';
import { ASSIGNMENT_STATUSES, REQUEST_KINDS } from '../model';
import {
  assignmentDetails,
  changeAssignment,
  detailedOverview,
  exportAssignments,
  manageableEnterprises,
  selectedAssignments,
  simplifiedOverview,
  SORT_KEYS,
  stopSeveral,
  type OverviewQuery,
} from './service';
import { BulkConfirmPage, BulkResultPage } from './views/bulk-pages';
import { ManageChooserPage } from './views/chooser-page';
import { ConfirmStopPage, DetailsPage, ValidityPage } from './views/details-page';
import { DetailedOverviewPage, SimplifiedOverviewPage } from './views/overview-page';

const idParams = z.object({ id: z.string().max(40) });
const numberParams = z.object({ number: z.string().max(20) });

function idParam(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

function numberParam(params: unknown): string {
  const parsed = numberParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.number;
}

const code = z.string().max(100).regex(/^[\w.-]+$/);
const filtersSchema = z.object({
  view: z.enum(['simple', 'detailed']).catch('detailed'),
  status: z.enum(ASSIGNMENT_STATUSES).optional().catch(undefined),
  application: code.optional().catch(undefined),
  role: code.optional().catch(undefined),
});

function overviewQuery(request: FastifyRequest): { view: 'simple' | 'detailed'; query: OverviewQuery } {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v) || undefined;
  const f = filtersSchema.parse({ view: first(raw.view), status: first(raw.status), application: first(raw.application), role: first(raw.role) });
  const list = parseListQuery(request.query, { sortKeys: SORT_KEYS, defaultSort: 'created', defaultDir: 'desc' });
  return { view: f.view, query: { ...list, status: f.status, applicationId: f.application, roleCode: f.role } };
}

const doneQuery = z.object({ done: z.enum(REQUEST_KINDS).optional().catch(undefined), decided: z.enum(['0', '1']).optional().catch(undefined) });

/** The new end of a change of expiry or a restart: a date, or unlimited. */
const validityForm = z
  .object({
    end: z.enum(['date', 'unlimited'], { message: 'access.assignments.validity.choose' }),
    validUntil: dateField(),
  })
  .superRefine((v, issue) => {
    if (v.end === 'date' && v.validUntil === '') issue.addIssue({ code: 'custom', path: ['validUntil'], message: 'access.assignments.validity.date_required' });
  });

/** "Gestion d'attribution de rôle": the managers' overview, details, changes, bulk stop and export. High level only, as the guide asks (eID or itsme). */
export function assignmentsAccessRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireSession('high'));

  app.get('/access/manage', async (request, reply) => {
    const query = parseListQuery(request.query);
    const page = await manageableEnterprises(ctx, sessionActor(request), request.lang, query.q, query.page);
    // One enterprise: straight to its overview, as the guide says ("si vous gérez une seule entreprise, cette étape ne vous sera pas proposée").
    if (page.pagination.total === 1 && !query.q && page.rows[0]) return reply.redirect(`/access/enterprises/${page.rows[0].number}/assignments`, 303);
    return reply.render(<ManageChooserPage rows={page.rows} query={{ ...query, page: page.pagination.page }} pagination={page.pagination} />);
  });

  app.get('/access/enterprises/:number/assignments', async (request, reply) => {
    const number = numberParam(request.params);
    const { view, query } = overviewQuery(request);
    if (view === 'simple') {
      const overview = await simplifiedOverview(ctx, sessionActor(request), number, request.lang, query);
      return reply.render(<SimplifiedOverviewPage overview={overview} query={query} />);
    }
    const overview = await detailedOverview(ctx, sessionActor(request), number, request.lang, query);
    return reply.render(<DetailedOverviewPage overview={overview} query={query} />);
  });

  app.get('/access/enterprises/:number/assignments.csv', async (request, reply) => {
    const { enterprise, stream } = await exportAssignments(ctx, sessionActor(request), numberParam(request.params), request.lang, request.t);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="role-assignments-${enterprise.number}.csv"`)
      .header('cache-control', 'no-store')
      .send(stream);
  });

  // ——— several at once ———

  app.get('/access/enterprises/:number/assignments/stop', async (request, reply) => {
    const ids = formValues((request.query ?? {}) as FormBody, 'a');
    const { enterprise, selected } = await selectedAssignments(ctx, sessionActor(request), numberParam(request.params), ids, request.lang);
    return reply.render(<BulkConfirmPage enterprise={enterprise} selected={selected} />);
  });

  app.post('/access/enterprises/:number/assignments/stop', async (request, reply) => {
    const ids = formValues(formBody(request.body), 'a');
    const { enterprise, outcomes } = await stopSeveral(ctx, sessionActor(request), numberParam(request.params), ids, request.lang, request.id);
    return reply.render(<BulkResultPage enterprise={enterprise} outcomes={outcomes} />);
  });

  // ——— one assignment ———

  app.get('/access/assignments/:id', async (request, reply) => {
    const details = await assignmentDetails(ctx, sessionActor(request), idParam(request.params), request.lang);
    const { done, decided } = doneQuery.parse(request.query ?? {});
    return reply.render(<DetailsPage details={details} done={done ? { kind: done, decided: decided !== '0' } : undefined} />);
  });

  const doneUrl = (id: string, kind: string, decided: boolean) => `/access/assignments/${id}?done=${kind}&decided=${decided ? '1' : '0'}`;

  app.get('/access/assignments/:id/stop', async (request, reply) => {
    const details = await assignmentDetails(ctx, sessionActor(request), idParam(request.params), request.lang);
    if (!details.offered.includes('stop')) return reply.redirect(`/access/assignments/${details.assignment.id}`, 303);
    return reply.render(<ConfirmStopPage details={details} />);
  });

  app.post('/access/assignments/:id/stop', async (request, reply) => {
    const id = idParam(request.params);
    try {
      const outcome = await changeAssignment(ctx, sessionActor(request), id, { kind: 'stop' }, request.id);
      return reply.redirect(doneUrl(outcome.assignment.id, 'stop', outcome.decided), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      const details = await assignmentDetails(ctx, sessionActor(request), id, request.lang);
      return reply.render(<ConfirmStopPage details={details} errors={{ [FORM_LEVEL]: request.t(error.code, error.params) }} />, 409);
    }
  });

  for (const kind of ['deactivate', 'reactivate'] as const) {
    app.post(`/access/assignments/:id/${kind}`, async (request, reply) => {
      const outcome = await changeAssignment(ctx, sessionActor(request), idParam(request.params), { kind }, request.id);
      return reply.redirect(doneUrl(outcome.assignment.id, kind, outcome.decided), 303);
    });
  }

  for (const [path, kind] of [
    ['expiry', 'change_validity'],
    ['restart', 'restart'],
  ] as const) {
    app.get(`/access/assignments/:id/${path}`, async (request, reply) => {
      const details = await assignmentDetails(ctx, sessionActor(request), idParam(request.params), request.lang);
      if (!details.offered.includes(kind)) return reply.redirect(`/access/assignments/${details.assignment.id}`, 303);
      const until = details.assignment.validUntil;
      return reply.render(<ValidityPage details={details} kind={kind} values={{ end: until ? 'date' : 'unlimited', validUntil: until ?? '' }} />);
    });

    app.post(`/access/assignments/:id/${path}`, async (request, reply) => {
      const id = idParam(request.params);
      const body = formBody(request.body);
      const values = { end: formValue(body, 'end'), validUntil: formValue(body, 'validUntil') };
      const again = async (errors: Record<string, string>, status: number) => {
        const details = await assignmentDetails(ctx, sessionActor(request), id, request.lang);
        return reply.render(<ValidityPage details={details} kind={kind} values={values} errors={errors} />, status);
      };
      const parsed = validityForm.safeParse(body);
      if (!parsed.success) {
        // The scope is checked before the input is judged: an outsider learns nothing from a form error.
        await assignmentDetails(ctx, sessionActor(request), id, request.lang);
        return again(formErrorsFromZod(parsed.error, request.t, { end: request.t('access.assignments.validity.end'), validUntil: request.t('access.assignments.validity.date') }), 400);
      }
      const validUntil = parsed.data.end === 'unlimited' ? null : parsed.data.validUntil;
      try {
        const outcome = await changeAssignment(ctx, sessionActor(request), id, { kind, validUntil }, request.id);
        return reply.redirect(doneUrl(outcome.assignment.id, kind, outcome.decided), 303);
      } catch (error) {
        if (error instanceof InputError) return again(formErrorsFromInputError(error, request.t), 400);
        if (error instanceof AppError && error.status === 409) return again({ [FORM_LEVEL]: request.t(error.code, error.params) }, 409);
        throw error;
      }
    });
  }
}
