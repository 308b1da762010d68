import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSession, sessionActor } from '../../authn/http-session';
import type { AppContext } from '../../platform/context';
import { AppError, InputError } from '../../platform/errors';
import { formBody, formErrorsFromInputError, formErrorsFromZod, formValues, textField } from '../../platform/views/form-data';
import { parseListQuery } from '../../platform/views/pagination';
import { decideRequest, type Decision } from '../service';
import { reviewIds, reviewOf, tasks } from './service';
import { RejectPage, reviewHref, ReviewPage } from './views/review-page';
import { TasksPage } from './views/tasks-page';

const listNotices = z.object({
  done: z.enum(['approved', 'rejected', 'finished']).optional().catch(undefined),
  notice: z.enum(['select']).optional().catch(undefined),
});
const reviewNotices = z.object({ done: z.enum(['approved', 'rejected']).optional().catch(undefined) });
const rejectForm = z.object({ reason: textField({ required: 'access.errors.reason_required', max: 1000 }) });

/** The review's ids from a query or a form: `ids=a,b` or repeated `ids`. */
function idsOf(values: Record<string, unknown> | undefined): string[] {
  return reviewIds(formValues(values ?? {}, 'ids'));
}

/**
 * "Mes tâches ouvertes" (seed 001): the pending requests a manager may
 * decide, then a review that shows them one at a time with "Passer",
 * "Rejeter" (a second screen asks the reason) and "Approuver". Every
 * decision goes through decideRequest, which authorizes it again and lets
 * exactly one of two concurrent decisions win.
 */
export function tasksAccessRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireSession('high'));

  app.get('/access/tasks', async (request, reply) => {
    const query = parseListQuery(request.query);
    const notices = listNotices.parse(request.query ?? {});
    const data = await tasks(ctx, sessionActor(request), request.lang, 'pending', query);
    return reply.render(<TasksPage state="pending" data={data} query={{ ...query, page: data.pagination.page }} done={notices.done} noneSelected={notices.notice === 'select'} />);
  });

  app.get('/access/tasks/decided', async (request, reply) => {
    const query = parseListQuery(request.query);
    const data = await tasks(ctx, sessionActor(request), request.lang, 'decided', query);
    return reply.render(<TasksPage state="decided" data={data} query={{ ...query, page: data.pagination.page }} />);
  });

  app.get('/access/tasks/review', async (request, reply) => {
    const ids = idsOf(request.query as Record<string, unknown>);
    if (ids.length === 0) return reply.redirect('/access/tasks?notice=select', 303);
    const review = await reviewOf(ctx, sessionActor(request), ids, request.lang);
    return reply.render(<ReviewPage review={review} ids={ids} done={reviewNotices.parse(request.query ?? {}).done} />);
  });

  /** After a decision: the next request, or the list with the banner when none is left. */
  function onward(reply: FastifyReply, rest: string[], done: 'approved' | 'rejected') {
    return reply.redirect(rest.length === 0 ? reviewHref([], { done: 'finished' }) : reviewHref(rest, { done }), 303);
  }

  /** A request decided meanwhile (or that no longer fits): the message, on the next request or the list. */
  async function lostRace(request: FastifyRequest, reply: FastifyReply, rest: string[], error: AppError) {
    const failure = request.t(error.code, error.params);
    if (rest.length > 0) {
      const review = await reviewOf(ctx, sessionActor(request), rest, request.lang);
      return reply.render(<ReviewPage review={review} ids={rest} failure={failure} />, error.status);
    }
    const query = parseListQuery({});
    const data = await tasks(ctx, sessionActor(request), request.lang, 'pending', query);
    return reply.render(<TasksPage state="pending" data={data} query={query} failure={failure} />, error.status);
  }

  async function decide(request: FastifyRequest, reply: FastifyReply, ids: string[], decision: Decision, onInput: (error: InputError) => unknown) {
    try {
      await decideRequest(ctx, sessionActor(request), ids[0]!, decision, { requestId: request.id });
    } catch (error) {
      if (error instanceof InputError) return onInput(error);
      if (error instanceof AppError && error.status === 409) return lostRace(request, reply, ids.slice(1), error);
      throw error;
    }
    return onward(reply, ids.slice(1), decision.decision === 'approve' ? 'approved' : 'rejected');
  }

  app.post('/access/tasks/review', async (request, reply) => {
    const ids = idsOf(formBody(request.body));
    if (ids.length === 0) return reply.redirect('/access/tasks?notice=select', 303);
    return decide(request, reply, ids, { decision: 'approve' }, (error) => {
      throw error;
    });
  });

  app.get('/access/tasks/review/reject', async (request, reply) => {
    const ids = idsOf(request.query as Record<string, unknown>);
    if (ids.length === 0) return reply.redirect('/access/tasks?notice=select', 303);
    const review = await reviewOf(ctx, sessionActor(request), ids, request.lang);
    if (review.current.decided) return reply.redirect(reviewHref(ids), 303);
    return reply.render(<RejectPage review={review} ids={ids} />);
  });

  app.post('/access/tasks/review/reject', async (request, reply) => {
    const body = formBody(request.body);
    const ids = idsOf(body);
    if (ids.length === 0) return reply.redirect('/access/tasks?notice=select', 303);
    const parsed = rejectForm.safeParse(body);
    const again = async (errors: Record<string, string>) => {
      const review = await reviewOf(ctx, sessionActor(request), ids, request.lang);
      return reply.render(<RejectPage review={review} ids={ids} errors={errors} reason={typeof body.reason === 'string' ? body.reason : ''} />, 400);
    };
    if (!parsed.success) return again(formErrorsFromZod(parsed.error, request.t, { reason: request.t('access.tasks.reject.reason') }));
    return decide(request, reply, ids, { decision: 'reject', reason: parsed.data.reason }, (error) => again(formErrorsFromInputError(error, request.t)));
  });
}
