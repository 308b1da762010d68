import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSession, sessionActor } from '../../authn/http-session';
import { scopeFor } from '../../organisations/members/service';
import { today } from '../../organisations/model';
import type { AppContext } from '../../platform/context';
import { ForbiddenError, InputError, NotFoundError } from '../../platform/errors';
import type { Translate } from '../../platform/i18n/translate';
import { formBody, formErrorsFromInputError, formErrorsFromZod, formValue, formValues, FORM_LEVEL, type FormBody, type FormErrors } from '../../platform/views/form-data';
import { advanceWizard, OVERVIEW_STEP, startWizard, WIZARD_ACTION_FIELD } from '../../platform/views/wizard-state';
import { checkEnterpriseNumber } from '../../registries/identifiers';
import type { RegisterPerson } from '../../registries/ports';
import '../for-organisations';
import { roleOptionLabel } from '../invitations/views/labels';
import { assignmentInput, checkDraft, pruneDraft, type Draft } from './draft';
import { administratorForm, capacityForm, directSteps, MAX_PERSONS, postedPersons, searchForm, STEP_IDS, stepOfField, type DirectStepId, type PostedPerson } from './model';
import {
  addToCapacity,
  administratorOf,
  administratorsOf,
  assignDirectly,
  assignScope,
  capacityOf,
  designateAdministrator,
  memberById,
  membersByNrn,
  personFromRegister,
  revokeAdministrator,
  searchMembers,
  type Member,
  type ScopeEnterprise,
} from './service';
import { AdministratorsPage, RevokeAdministratorPage } from './views/administrators-page';
import { CapacitiesPage, CapacityConfirmPage, CapacityDonePage, CapacityPage } from './views/capacity-page';
import { DonePage, WizardPage, type DoneRow } from './views/wizard-page';

const numberParams = z.object({ number: z.string().max(20) });
const unitParams = z.object({ number: z.string().max(20), unitId: z.string().max(40) });
const mandateParams = z.object({ number: z.string().max(20), mandateId: z.string().max(40) });
/** `?enterprise=…` starts at the roles; `&person=…` (from a person's page) has that person chosen already. */
const startQuery = z.object({ enterprise: z.string().max(20).optional().catch(undefined), person: z.string().uuid().optional().catch(undefined) });
const doneQuery = z.object({ done: z.enum(['designated', 'revoked']).optional().catch(undefined) });

/** The enterprise number of a path, 10 digits, or 404. */
function enterpriseParam(params: unknown): string {
  const parsed = numberParams.safeParse(params);
  const checked = parsed.success ? checkEnterpriseNumber(parsed.data.number) : undefined;
  if (!checked?.ok) throw new NotFoundError();
  return checked.value;
}

function labels(t: Translate): Record<string, string> {
  return {
    enterprise: t('access.direct.enterprise.label'),
    roles: t('access.direct.step.roles'),
    units: t('access.direct.step.roles'),
    persons: t('access.direct.step.persons'),
    validFrom: t('access.direct.properties.from'),
    validUntil: t('access.direct.properties.until'),
    application: t('access.direct.admins.application'),
    nrn: t('access.direct.persons.nrn'),
    lookup_nrn: t('access.direct.persons.nrn'),
    email: t('access.direct.persons.email'),
    p: t('access.direct.capacity.users'),
    role: t('access.direct.capacity.applications'),
    [FORM_LEVEL]: '',
  };
}

/**
 * Direct assignment (seed 001), the Flemish establishment-scoped right
 * (seed 004), "ajouter application(s)" to users of a capacity (seed 002),
 * and the administrators of role assignment per application. High level
 * only, as the guide asks (eID or itsme).
 */
export function directAccessRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireSession('high'));
  wizardRoutes(app, ctx);
  capacityRoutes(app, ctx);
  administratorRoutes(app, ctx);
}

// ——— the wizard ———

type PersonsAction = { type: 'search' } | { type: 'pick' } | { type: 'lookup' } | { type: 'add_nrn' } | { type: 'remove'; index: number };

function personsAction(body: FormBody): PersonsAction | undefined {
  const action = formValue(body, WIZARD_ACTION_FIELD);
  if (action === 'search' || action === 'pick' || action === 'lookup' || action === 'add_nrn') return { type: action };
  const remove = /^person_remove:(\d{1,3})$/.exec(action);
  return remove ? { type: 'remove', index: Number(remove[1]) } : undefined;
}

function stepIndex(step: string): number {
  const i = (STEP_IDS as readonly string[]).indexOf(step);
  return i < 0 ? STEP_IDS.length : i;
}

function wizardRoutes(app: FastifyInstance, ctx: AppContext) {
  async function scopeOf(request: FastifyRequest): Promise<ScopeEnterprise[]> {
    const scope = await assignScope(ctx, sessionActor(request), request.lang);
    if (scope.length === 0) throw new ForbiddenError('access.direct.errors.no_scope');
    return scope;
  }

  app.get('/access/assign', async (request, reply) => {
    const scope = await scopeOf(request);
    const day = today(ctx.clock.now());
    const { enterprise, person } = startQuery.parse(request.query ?? {});
    const chosen = scope.find((e) => e.number === enterprise?.replace(/\D/g, ''));
    if (chosen) {
      const data: Draft = { enterprise: { enterprise: chosen.number } };
      // A person the actor may not see is left out, as if not asked: the persons step lets them choose.
      const member = person && (await memberById(ctx, sessionActor(request), chosen.number, request.lang, person, request.t('access.direct.done.whole')));
      if (member) data.persons = { persons: [{ nrn: member.nrn, familyName: member.familyName, givenName: member.givenName, email: member.email }] };
      return reply.render(<WizardPage step="roles" data={data} values={{}} scope={scope} today={day} />);
    }
    const start = startWizard(directSteps(day));
    return reply.render(<WizardPage step="enterprise" data={start.data} values={start.values} scope={scope} today={day} />);
  });

  app.post('/access/assign', async (request, reply) => {
    const scope = await scopeOf(request);
    const body = formBody(request.body);
    const day = today(ctx.clock.now());
    const steps = directSteps(day);
    const outcome = advanceWizard(steps, body);
    const data: Draft = pruneDraft(outcome.data);
    const t = request.t;
    const show = (step: DirectStepId | typeof OVERVIEW_STEP, values: FormBody, errors?: FormErrors, status = 200, extra: { results?: Member[] | null; found?: RegisterPerson | null } = {}) =>
      reply.render(<WizardPage step={step} data={data} values={values} errors={errors} scope={scope} today={day} {...extra} />, status);

    // What the schemas cannot know (rights, units, roles that need an end), on the steps done so far.
    const problem = checkDraft(scope, data, request.lang);
    const shown = outcome.kind === 'done' ? STEP_IDS.length : stepIndex(outcome.step);
    if (problem && STEP_IDS.indexOf(problem.step) < shown) {
      const values = (data[problem.step] as FormBody | undefined) ?? {};
      delete data[problem.step];
      return show(problem.step, values, { [problem.field]: t(problem.key, problem.params) }, problem.status);
    }

    if (outcome.kind === 'show') {
      const enterprise = data.enterprise?.enterprise;
      if (outcome.step === 'persons' && enterprise && formValue(body, '_step') === 'persons') {
        const action = personsAction(body);
        if (action) return personsStep(request, show, body, action, enterprise);
      }
      if (outcome.error && outcome.step === 'persons') return show('persons', outcome.values, personsErrors(outcome.error, postedPersons(outcome.values), t), 400);
      return show(outcome.step, outcome.values, outcome.error ? formErrorsFromZod(outcome.error, t, labels(t)) : undefined, outcome.error ? 400 : 200);
    }

    try {
      const granted = await assignDirectly(ctx, sessionActor(request), assignmentInput(outcome.data), { lang: request.lang, requestId: request.id });
      const enterprise = scope.find((e) => e.number === outcome.data.enterprise.enterprise)!;
      const rows: DoneRow[] = granted.map((g) => ({
        person: `${g.person.givenName} ${g.person.familyName}`,
        role: roleOptionLabel(g, request.lang),
        unit: g.unit ? (g.unit.number ? `${g.unit.name} – ${g.unit.number}` : g.unit.name) : null,
        status: t(`access.status.${g.outcome.assignment.status}`),
        email: g.person.email,
      }));
      return reply.render(<DonePage rows={rows} enterprise={{ number: enterprise.number, name: enterprise.name }} />);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const step = stepOfField(error.field);
      return show(step, (data[step] as FormBody | undefined) ?? {}, { [error.field ?? FORM_LEVEL]: t(error.code, error.params) }, 400);
    }
  });

  /** The persons step's own buttons: search the members, add the ticked ones, look a number up in the register, add that person, remove one. */
  async function personsStep(
    request: FastifyRequest,
    show: (step: 'persons', values: FormBody, errors?: FormErrors, status?: number, extra?: { results?: Member[] | null; found?: RegisterPerson | null }) => unknown,
    body: FormBody,
    action: PersonsAction,
    enterprise: string,
  ) {
    const t = request.t;
    const whole = t('access.direct.done.whole');
    const rows = postedPersons(body);
    const search = searchForm.parse(body);
    const keep = { persons: rows, search_familyName: search.search_familyName, search_givenName: search.search_givenName, search_email: search.search_email, lookup_nrn: formValue(body, 'lookup_nrn') };
    const add = (people: PostedPerson[]) => {
      const known = new Set(rows.map((r) => r.nrn));
      return [...rows, ...people.filter((p) => !known.has(p.nrn))].slice(0, MAX_PERSONS);
    };
    try {
      switch (action.type) {
        case 'remove':
          return show('persons', { ...keep, persons: rows.filter((_, i) => i !== action.index) });
        case 'search': {
          const criteria = { familyName: search.search_familyName, givenName: search.search_givenName, email: search.search_email };
          const results = await searchMembers(ctx, sessionActor(request), enterprise, request.lang, criteria, whole);
          return show('persons', keep, undefined, 200, { results });
        }
        case 'pick': {
          const picked = await membersByNrn(ctx, sessionActor(request), enterprise, request.lang, formValues(body, 'pick').slice(0, MAX_PERSONS), whole);
          if (picked.length === 0) return show('persons', keep, { pick: t('access.direct.errors.pick_none') }, 400);
          return show('persons', { ...keep, persons: add(picked.map((m) => ({ nrn: m.nrn, familyName: m.familyName, givenName: m.givenName, email: m.email }))) });
        }
        case 'lookup': {
          const found = await personFromRegister(ctx, formValue(body, 'lookup_nrn'));
          return show('persons', keep, undefined, 200, { found });
        }
        case 'add_nrn': {
          const found = await personFromRegister(ctx, formValue(body, 'lookup_nrn'));
          return show('persons', { ...keep, lookup_nrn: '', persons: add([{ nrn: found.nrn, familyName: found.lastName, givenName: found.firstNames, email: '' }]) });
        }
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const field = error.field === 'nrn' ? 'lookup_nrn' : (error.field ?? FORM_LEVEL);
      return show('persons', keep, { [field]: t(error.code, error.params) }, 400);
    }
  }
}

/** The persons step's errors: one per row whose contact address is missing or wrong, named after the person. */
function personsErrors(error: z.ZodError, rows: PostedPerson[], t: Translate): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const [field, index, sub] = issue.path;
    if (field === 'persons' && typeof index === 'number' && sub === 'email') {
      const row = rows[index];
      errors[`person_email-${index}`] = t(issue.message === 'access.direct.errors.email_required' ? 'access.direct.errors.email_required_for' : 'access.direct.errors.email_invalid_for', { name: row ? `${row.givenName} ${row.familyName}` : '' });
    } else if (!('persons' in errors)) {
      errors.persons = formErrorsFromZod(new z.ZodError([{ ...issue, path: ['persons'] }]), t, labels(t)).persons ?? t('errors.field.invalid', { field: 'persons' });
    }
  }
  return errors;
}

// ——— the social-security journey ———

function capacityRoutes(app: FastifyInstance, ctx: AppContext) {
  const whole = (request: FastifyRequest) => request.t('access.direct.done.whole');
  const pageOf = (request: FastifyRequest) => {
    const params = unitParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError();
    return capacityOf(ctx, sessionActor(request), enterpriseParam(request.params), params.data.unitId, request.lang, whole(request));
  };

  app.get('/access/enterprises/:number/capacities', async (request, reply) => {
    const number = enterpriseParam(request.params);
    const scope = await scopeFor(ctx, sessionActor(request), number, request.lang);
    const units = [];
    for (const unit of scope.units.filter((u) => u.kind === 'capacity' && (scope.all || scope.unitIds.has(u.id)))) {
      try {
        await capacityOf(ctx, sessionActor(request), number, unit.id, request.lang, whole(request));
        units.push(unit);
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
      }
    }
    return reply.render(<CapacitiesPage enterprise={scope.enterprise} units={units} />);
  });

  app.get('/access/enterprises/:number/capacities/:unitId', async (request, reply) => {
    const page = await pageOf(request);
    return reply.render(<CapacityPage page={page} values={{}} today={today(ctx.clock.now())} />);
  });

  app.post('/access/enterprises/:number/capacities/:unitId', async (request, reply) => {
    const page = await pageOf(request);
    const body = formBody(request.body);
    const day = today(ctx.clock.now());
    const t = request.t;
    const edit = (errors?: FormErrors, status = 200) => reply.render(<CapacityPage page={page} values={body} errors={errors} today={day} />, status);
    if (formValue(body, '_action') === 'edit') return edit();
    const parsed = capacityForm(day).safeParse(body);
    if (!parsed.success) return edit(formErrorsFromZod(parsed.error, t, labels(t)), 400);
    const form = parsed.data;
    // Users and roles not offered here are refused before anything is shown or done.
    if (form.p.some((id) => !page.users.some((u) => u.personId === id)) || form.role.some((key) => !page.roles.some((r) => r.key === key))) {
      throw new ForbiddenError('access.errors.forbidden');
    }
    if (formValue(body, '_action') !== 'confirm') return reply.render(<CapacityConfirmPage page={page} form={form} />);
    try {
      const result = await addToCapacity(ctx, sessionActor(request), page, { personIds: form.p, roleKeys: form.role, validFrom: form.validFrom, validUntil: form.validUntil || null }, request.id);
      const row = (r: { user: Member; role: { names: Record<string, string> }; application: { names: Record<string, string> } }, status: string): DoneRow => ({
        person: `${r.user.givenName} ${r.user.familyName}`,
        role: `${r.application.names[request.lang]} – ${r.role.names[request.lang]}`,
        unit: page.unit.name,
        status,
        email: r.user.email,
      });
      return reply.render(
        <CapacityDonePage
          page={page}
          added={result.added.map((a) => row(a, t(`access.status.${a.outcome.assignment.status}`)))}
          skipped={result.skipped.map((s) => row(s, t('access.direct.capacity.already')))}
        />,
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return reply.render(<CapacityConfirmPage page={page} form={form} errors={formErrorsFromInputError(error, t)} />, 400);
    }
  });
}

// ——— administrators per application ———

function administratorRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/access/enterprises/:number/administrators', async (request, reply) => {
    const page = await administratorsOf(ctx, sessionActor(request), enterpriseParam(request.params), request.lang);
    const { done } = doneQuery.parse(request.query ?? {});
    return reply.render(<AdministratorsPage page={page} values={{ validFrom: today(ctx.clock.now()) }} done={done} />);
  });

  app.post('/access/enterprises/:number/administrators', async (request, reply) => {
    const page = await administratorsOf(ctx, sessionActor(request), enterpriseParam(request.params), request.lang);
    const body = formBody(request.body);
    const t = request.t;
    const edit = (errors?: FormErrors, status = 200) => reply.render(<AdministratorsPage page={page} values={body} errors={errors} />, status);
    if (formValue(body, '_action') === 'edit') return edit();
    const parsed = administratorForm.safeParse(body);
    if (!parsed.success) return edit(formErrorsFromZod(parsed.error, t, labels(t)), 400);
    const form = parsed.data;
    if (!page.applications.some((a) => a.id === form.application)) return edit({ application: t('access.direct.admins.errors.application_forbidden') }, 403);
    try {
      if (form.validFrom < today(ctx.clock.now())) throw new InputError('validFrom', 'access.errors.start_in_past');
      const person = await personFromRegister(ctx, form.nrn);
      if (formValue(body, '_action') !== 'confirm') return reply.render(<AdministratorsPage page={page} values={body} confirm={{ person, form: { ...form, nrn: person.nrn } }} />);
      await designateAdministrator(ctx, sessionActor(request), page, { applicationId: form.application, nrn: person.nrn, email: form.email, validFrom: form.validFrom, validUntil: form.validUntil || null }, request.id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return edit(formErrorsFromInputError(error, t), 400);
    }
    return reply.redirect(`/access/enterprises/${page.enterprise.number}/administrators?done=designated`, 303);
  });

  const mandateOf = (request: FastifyRequest) => {
    const parsed = mandateParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    return parsed.data.mandateId;
  };

  app.get('/access/enterprises/:number/administrators/:mandateId/revoke', async (request, reply) => {
    const page = await administratorsOf(ctx, sessionActor(request), enterpriseParam(request.params), request.lang);
    const manager = await administratorOf(ctx, page, mandateOf(request));
    return reply.render(<RevokeAdministratorPage page={page} manager={manager} />);
  });

  app.post('/access/enterprises/:number/administrators/:mandateId/revoke', async (request, reply) => {
    const page = await administratorsOf(ctx, sessionActor(request), enterpriseParam(request.params), request.lang);
    await revokeAdministrator(ctx, sessionActor(request), page, mandateOf(request), request.id);
    return reply.redirect(`/access/enterprises/${page.enterprise.number}/administrators?done=revoked`, 303);
  });
}

