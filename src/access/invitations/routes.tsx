import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSession, sessionActor } from '../../authn/http-session';
import { atLeast } from '../../authn/loa';
import { profileOf } from '../../identity/service';
import { today } from '../../organisations/model';
import type { AppContext } from '../../platform/context';
import { ForbiddenError, InputError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { emailField, formBody, formErrorsFromZod, formValue, type FormBody, type FormErrors } from '../../platform/views/form-data';
import { advanceWizard, OVERVIEW_STEP, startWizard, WIZARD_ACTION_FIELD } from '../../platform/views/wizard-state';
import { catalogOf } from '../catalog/service';
import { checkDraft, draftFromTemplate, invitationInput, pruneDraft, type Draft } from './draft';
import { invitationSteps, LINK_LOOKUPS_PER_MINUTE, postedPersons, STEP_IDS, stepOfField, type InvitationStepId, type InvitationSteps } from './model';
import {
  createInvitation,
  deleteTemplate,
  invitationOf,
  invitationScope,
  invitationsOf,
  templateNameTaken,
  templateOf,
  templatesOf,
  withdrawInvitation,
  type ScopeEnterprise,
} from './service';
import { acceptanceOf, acceptInvitation, invitationByToken } from './accept';
import { CreatedPage, InvitationsPage, TemplatesPage, WithdrawPage, type Names } from './views/manage-pages';
import { personRows } from './views/persons-step';
import { AcceptedPage, ClosedPage, PublicPage, UnknownLinkPage } from './views/public-page';
import { WizardPage } from './views/wizard-page';

const idParams = z.object({ id: z.string().max(40) });
const tokenParams = z.object({ token: z.string().max(100) });

/** The id of a path; anything else is not found (never a 500). */
function idOf(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** The secret of a link path; '' when it cannot be one (the lookup then finds nothing). */
function tokenOf(params: unknown): string {
  const parsed = tokenParams.safeParse(params);
  return parsed.success ? parsed.data.token : '';
}
const newQuery = z.object({ template: z.string().max(40).optional().catch(undefined) });
const doneQuery = z.object({ done: z.enum(['withdrawn', 'deleted']).optional().catch(undefined), accepted: z.literal('1').optional().catch(undefined) });
const acceptForm = z.object({ contactEmail: emailField({ required: 'access.invitations.errors.contact_required' }) });
/** Looking up a link is rate limited per client address, on top of the global limit: the secret is 256 bits, this is depth. */
const linkRateLimit = { rateLimit: { max: LINK_LOOKUPS_PER_MINUTE, timeWindow: '1 minute' } };

/** "Gestion des invitations" (high level) and the public link that anyone may open. */
export async function invitationsAccessRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (managers) => {
    managers.addHook('preHandler', requireSession('high'));
    managerRoutes(managers, ctx);
  });
  publicRoutes(app, ctx);
}

async function enterpriseNames(ctx: AppContext, numbers: Iterable<string>, lang: Lang): Promise<Names> {
  const names: Names = new Map();
  for (const number of new Set(numbers)) names.set(number, (await ctx.registers.enterprises.findEnterprise(number, { lang }))?.name ?? '');
  return names;
}

function managerRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/access/invitations', async (request, reply) => {
    const invitations = await invitationsOf(ctx, sessionActor(request));
    const names = await enterpriseNames(ctx, invitations.flatMap((i) => i.roles.map((r) => r.enterpriseNumber)), request.lang);
    const { done } = doneQuery.parse(request.query ?? {});
    return reply.render(<InvitationsPage invitations={invitations} catalog={await catalogOf(ctx)} names={names} done={done === 'withdrawn' ? done : undefined} />);
  });

  app.get('/access/invitations/:id/withdraw', async (request, reply) => {
    const id = idOf(request.params);
    const invitation = await invitationOf(ctx, sessionActor(request), id);
    if (invitation.state !== 'open') return reply.redirect('/access/invitations', 303);
    const names = await enterpriseNames(ctx, invitation.roles.map((r) => r.enterpriseNumber), request.lang);
    return reply.render(<WithdrawPage invitation={invitation} catalog={await catalogOf(ctx)} names={names} />);
  });

  app.post('/access/invitations/:id/withdraw', async (request, reply) => {
    const id = idOf(request.params);
    await withdrawInvitation(ctx, sessionActor(request), id, { requestId: request.id });
    return reply.redirect('/access/invitations?done=withdrawn', 303);
  });

  app.get('/access/invitations/templates', async (request, reply) => {
    const templates = await templatesOf(ctx, sessionActor(request));
    const names = await enterpriseNames(ctx, templates.flatMap((tpl) => tpl.content?.enterprises ?? []), request.lang);
    const { done } = doneQuery.parse(request.query ?? {});
    return reply.render(<TemplatesPage templates={templates} catalog={await catalogOf(ctx)} names={names} done={done === 'deleted' ? done : undefined} />);
  });

  app.post('/access/invitations/templates/:id/delete', async (request, reply) => {
    const id = idOf(request.params);
    await deleteTemplate(ctx, sessionActor(request), id, { requestId: request.id });
    return reply.redirect('/access/invitations/templates?done=deleted', 303);
  });

  /** The scope of the wizard: refused when the person may invite nowhere. */
  async function scopeOf(request: FastifyRequest): Promise<ScopeEnterprise[]> {
    const scope = await invitationScope(ctx, sessionActor(request), request.lang);
    if (scope.length === 0) throw new ForbiddenError('access.invitations.errors.no_scope');
    return scope;
  }

  app.get('/access/invitations/new', async (request, reply) => {
    const scope = await scopeOf(request);
    const day = today(ctx.clock.now());
    const { template } = newQuery.parse(request.query ?? {});
    if (template) {
      const found = await templateOf(ctx, sessionActor(request), template);
      const data = pruneDraft(found.content ? draftFromTemplate(found.content, day) : {});
      return reply.render(<WizardPage step="enterprises" data={data} values={data.enterprises ?? {}} scope={scope} today={day} />);
    }
    const start = startWizard(invitationSteps(day));
    return reply.render(<WizardPage step="enterprises" data={start.data} values={start.values} scope={scope} today={day} />);
  });

  app.post('/access/invitations/new', async (request, reply) => {
    const scope = await scopeOf(request);
    const body = formBody(request.body);
    const day = today(ctx.clock.now());
    const steps = invitationSteps(day);
    const outcome = advanceWizard(steps, body);
    const data: Draft = pruneDraft(outcome.data);
    const show = (step: InvitationStepId | typeof OVERVIEW_STEP, values: FormBody, errors?: FormErrors, status = 200) =>
      reply.render(<WizardPage step={step} data={data} values={values} errors={errors} scope={scope} today={day} />, status);
    const labels = fieldLabels(request);

    // What the schemas cannot know (rights, units, roles that need an end), on the steps done so far.
    const problem = checkDraft(scope, data, request.lang);
    const shownIndex = outcome.kind === 'done' ? STEP_IDS.length : stepIndex(outcome.step);
    if (problem && STEP_IDS.indexOf(problem.step) < shownIndex) {
      const { [problem.step]: _dropped, ...rest } = data;
      return reply.render(
        <WizardPage step={problem.step} data={rest} values={(data[problem.step] as FormBody | undefined) ?? {}} errors={{ [problem.field]: request.t(problem.key, problem.params) }} scope={scope} today={day} />,
        400,
      );
    }

    if (outcome.kind === 'show') {
      if (outcome.step === 'persons' && !outcome.error) {
        const personsAction = personsMove(body);
        if (personsAction) return showPersons(show, body, personsAction, steps, request);
      }
      // A template name already used is said on leaving step 5, so it can be changed there.
      if (outcome.step !== 'details' && formValue(body, '_step') === 'details' && data.details?.saveTemplate === 'yes') {
        if (await templateNameTaken(ctx, sessionActor(request), data.details.templateName)) {
          const values = data.details;
          delete data.details;
          return show('details', values, { templateName: request.t('access.invitations.errors.template_name_taken') }, 400);
        }
      }
      return show(outcome.step, outcome.values, outcome.error ? formErrorsFromZod(outcome.error, request.t, labels) : undefined, outcome.error ? 400 : 200);
    }

    try {
      const input = invitationInput(outcome.data);
      const created = await createInvitation(ctx, sessionActor(request), input, { lang: request.lang, requestId: request.id });
      return reply.render(<CreatedPage link={created.link} persons={input.persons.length} template={created.templateId ? (input.template?.name ?? null) : null} />);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const step = stepOfField(error.field);
      return show(step, (data[step] as FormBody | undefined) ?? {}, { [error.field ?? step]: request.t(error.code, error.params) }, 400);
    }
  });
}

function stepIndex(step: string): number {
  const i = (STEP_IDS as readonly string[]).indexOf(step);
  return i < 0 ? STEP_IDS.length : i;
}

type PersonsMove = { type: 'add' } | { type: 'remove'; index: number };

function personsMove(body: FormBody): PersonsMove | undefined {
  const action = formValue(body, WIZARD_ACTION_FIELD);
  if (action === 'person_add') return { type: 'add' };
  const remove = /^person_remove:(\d{1,3})$/.exec(action);
  return remove ? { type: 'remove', index: Number(remove[1]) } : undefined;
}

/** "Ajouter" moves the new row into the list (checked at once); "Supprimer" drops a row. The page comes back either way. */
function showPersons(
  show: (step: 'persons', values: FormBody, errors?: FormErrors, status?: number) => FastifyReply,
  body: FormBody,
  move: PersonsMove,
  steps: InvitationSteps,
  request: FastifyRequest,
) {
  const { rows, fresh } = personRows(body);
  if (move.type === 'remove') {
    return show('persons', { persons: rows.filter((_, i) => i !== move.index), new_familyName: fresh.familyName, new_givenName: fresh.givenName, new_email: fresh.email });
  }
  const all = postedPersons(body);
  const parsed = steps.persons.safeParse({ persons: all });
  if (!parsed.success) return show('persons', body, formErrorsFromZod(parsed.error, request.t, fieldLabels(request)), 400);
  return show('persons', { persons: parsed.data.persons });
}

function fieldLabels(request: FastifyRequest): Record<string, string> {
  const t = request.t;
  return {
    enterprises: t('access.invitations.enterprises.label'),
    roles: t('access.invitations.step.roles'),
    validFrom: t('access.invitations.properties.from'),
    validUntil: t('access.invitations.properties.until'),
    units: t('access.invitations.step.properties'),
    persons: t('access.invitations.step.persons'),
    message: t('access.invitations.details.message'),
    expiresOn: t('access.invitations.details.expires'),
    templateName: t('access.invitations.details.template_name'),
    templateDescription: t('access.invitations.details.template_description'),
    contactEmail: t('access.invitations.public.contact_email'),
  };
}

// ——— the public link ———

function publicRoutes(app: FastifyInstance, ctx: AppContext) {
  /** Identified at the level role management needs (eID or itsme). */
  const identified = (request: FastifyRequest) => request.session !== undefined && atLeast(request.session.loa, 'high');

  async function showAccepted(request: FastifyRequest, reply: FastifyReply, invitationId: string, justNow: boolean) {
    const catalog = await catalogOf(ctx);
    const accepted = await acceptanceOf(ctx, invitationId, request.session!.personId);
    const names = await enterpriseNames(ctx, accepted.map((a) => a.enterprise_number), request.lang);
    const requests = accepted.map((a) => ({
      role: catalog.role(a.application_id, a.role_code)?.names[request.lang] ?? a.role_code,
      enterprise: names.get(a.enterprise_number) ?? a.enterprise_number,
      status: a.assignmentStatus,
    }));
    return reply.render(<AcceptedPage justNow={justNow} requests={requests} notified={justNow} />);
  }

  app.get('/invitations/:token', { config: linkRateLimit }, async (request, reply) => {
    const token = tokenOf(request.params);
    const invitation = await invitationByToken(ctx, token, request.lang);
    if (!invitation) return reply.render(<UnknownLinkPage />, 404);
    const path = `/invitations/${token}`;
    if (identified(request)) {
      const accepted = await acceptanceOf(ctx, invitation.invitation.id, request.session!.personId);
      const { accepted: justNow } = doneQuery.parse(request.query ?? {});
      if (accepted.length > 0) return showAccepted(request, reply, invitation.invitation.id, justNow === '1');
    }
    if (invitation.state !== 'open') return reply.render(<ClosedPage invitation={invitation} />, 410);
    if (!identified(request)) {
      const loginHref = `/login?${new URLSearchParams({ return: path, loa: 'high' })}`;
      return reply.render(<PublicPage invitation={invitation} loginHref={loginHref} csrfAction={path} />);
    }
    const profile = await profileOf(ctx, request.session!.personId);
    return reply.render(<PublicPage invitation={invitation} contactEmail={profile.person.email ?? ''} csrfAction={path} />);
  });

  app.post('/invitations/:token', { config: linkRateLimit, preHandler: requireSession('high') }, async (request, reply) => {
    const token = tokenOf(request.params);
    const invitation = await invitationByToken(ctx, token, request.lang);
    if (!invitation) return reply.render(<UnknownLinkPage />, 404);
    const path = `/invitations/${token}`;
    const body = formBody(request.body);
    const parsed = acceptForm.safeParse(body);
    const again = (errors: FormErrors) => reply.render(<PublicPage invitation={invitation} contactEmail={formValue(body, 'contactEmail')} errors={errors} csrfAction={path} />, 400);
    if (!parsed.success) return again(formErrorsFromZod(parsed.error, request.t, fieldLabels(request)));
    try {
      await acceptInvitation(ctx, sessionActor(request), token, { contactEmail: parsed.data.contactEmail }, { requestId: request.id });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return again({ contactEmail: request.t(error.code, error.params) });
    }
    return reply.redirect(`${path}?accepted=1`, 303);
  });
}
