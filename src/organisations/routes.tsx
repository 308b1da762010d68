import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSession, sessionActor } from '../authn/http-session';
import type { AppContext } from '../platform/context';
import { InputError, NotFoundError } from '../platform/errors';
import { FORM_LEVEL, formBody, formErrorsFromInputError, formErrorsFromZod, formValue, type FormBody, type FormErrors } from '../platform/views/form-data';
import { advanceWizard, OVERVIEW_STEP, startWizard, WIZARD_ACTION_FIELD, type WizardShow } from '../platform/views/wizard-state';
import { checkEnterpriseNumber } from '../registries/identifiers';
import type { RegisterPerson } from '../registries/ports';
import { designationForm, registrationSteps, type DesignatedKind } from './forms';
import { catalogOf } from '../access/catalog/service';
import { today } from './model';
import { designatableKinds, may } from './policy';
import {
  checkRegistration,
  designateManager,
  designatePrincipal,
  managerOf,
  managersOf,
  registerPersonFor,
  revokeManager,
  type RegistrationCheck,
} from './service';
import { DesignatePage } from './views/designate-page';
import { DonePage } from './views/done-page';
import { ManagersPage } from './views/managers-page';
import { RegisterPage, type RegisterPageProps } from './views/register-page';
import { RevokePage } from './views/revoke-page';
import { memberRoutes } from './members/routes';
import { syncEstablishmentUnits, unitsOf } from './members/service';
import { sectionsFor } from './sections';

type Steps = typeof registrationSteps;
const numberParams = z.object({ number: z.string().max(20) });
const mandateParams = z.object({ number: z.string().max(20), mandateId: z.string().max(40) });
const doneQuery = z.object({ done: z.enum(['designated', 'revoked']).optional().catch(undefined) });

/** The enterprise number of a path, 10 digits, or 404. */
function enterpriseParam(params: unknown): string {
  const parsed = numberParams.safeParse(params);
  const checked = parsed.success ? checkEnterpriseNumber(parsed.data.number) : undefined;
  if (!checked?.ok) throw new NotFoundError();
  return checked.value;
}

/** "Gestion des gestionnaires d'accès": registering an enterprise, its principal access manager and its other managers. Every page needs the high level. */
export function organisationRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireSession('high'));

  memberRoutes(app, ctx);

  const self = (request: FastifyRequest) => ({ name: request.session!.displayName, nrn: request.session!.nrn });

  app.get('/organisations/register', async (request, reply) => {
    const start = startWizard(registrationSteps);
    return reply.render(<RegisterPage step="enterprise" data={start.data} values={start.values} self={self(request)} />);
  });

  app.post('/organisations/register', async (request, reply) => {
    const body = formBody(request.body);
    const outcome = advanceWizard(registrationSteps, body);
    const base = { self: self(request) };
    const showStep = (show: WizardShow<Steps>, extra: Partial<RegisterPageProps> = {}, status = 200) =>
      reply.render(<RegisterPage step={show.step as RegisterPageProps['step']} data={show.data} values={show.values} {...base} {...extra} />, status);
    const labels = fieldLabels(request);

    // Step one, checked again on every request: the wizard's state is input like any other.
    const enterpriseData = outcome.data.enterprise;
    let check: RegistrationCheck | undefined;
    if (enterpriseData && (outcome.kind === 'done' || outcome.step !== 'enterprise')) {
      try {
        check = await checkRegistration(ctx, sessionActor(request), enterpriseData.enterpriseNumber, request.lang);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const { enterprise: _dropped, ...rest } = outcome.data;
        return showStep({ kind: 'show', step: 'enterprise', data: rest, values: { enterpriseNumber: enterpriseData.enterpriseNumber } }, { errors: formErrorsFromInputError(error, request.t) }, 400);
      }
    }
    if (outcome.kind === 'show' && outcome.step === 'enterprise') {
      return showStep(outcome, { errors: outcome.error ? formErrorsFromZod(outcome.error, request.t, labels) : undefined }, outcome.error ? 400 : 200);
    }
    if (outcome.kind === 'show' && outcome.step === 'principal') {
      let other: RegisterPerson | undefined;
      let errors: FormErrors | undefined = outcome.error ? formErrorsFromZod(outcome.error, request.t, labels) : undefined;
      // "Rechercher": the name from the register, shown before the person continues.
      if (formValue(body, WIZARD_ACTION_FIELD) === 'lookup' && formValue(body, 'who') === 'other') {
        try {
          other = await registerPersonFor(ctx, formValue(body, 'nrn'));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          errors = formErrorsFromInputError(error, request.t);
        }
      }
      return showStep(outcome, { check, other, errors }, errors ? 400 : 200);
    }

    // The overview, or done: the principal named in step two must be known to the register.
    const data = outcome.data;
    const principalData = data.principal!;
    let principal: RegisterPageProps['principal'];
    try {
      const nrn = principalData.who === 'self' ? request.session!.nrn : principalData.nrn;
      const person = await registerPersonFor(ctx, nrn);
      principal = { name: `${person.firstNames} ${person.lastName}`, nrn: person.nrn, email: principalData.email, phone: principalData.phone };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return showStep({ kind: 'show', step: 'principal', data, values: principalData }, { check, errors: formErrorsFromInputError(error, request.t) }, 400);
    }
    const overview = { kind: 'show', step: OVERVIEW_STEP, data, values: {} } as const;
    if (outcome.kind === 'show') return showStep(overview, { check, principal });
    if (formValue(body, 'declaration') !== 'yes') {
      return showStep(overview, { check, principal, errors: { declaration: request.t('organisations.errors.declaration') } }, 400);
    }
    const result = await designatePrincipal(
      ctx,
      sessionActor(request),
      { enterpriseNumber: check!.enterprise.number, nrn: principal.nrn, email: principal.email, phone: principal.phone, expectedPrincipalId: principalData.expected || null },
      request.id,
    );
    return reply.redirect(`/organisations/${result.mandate.enterpriseNumber}/registered`, 303);
  });

  app.get('/organisations/:number/registered', async (request, reply) => {
    const number = enterpriseParam(request.params);
    const overview = await managersOf(ctx, sessionActor(request), number, request.lang);
    const principal = overview.managers.find((m) => m.kind === 'principal');
    if (!principal) throw new NotFoundError();
    return reply.render(
      <DonePage
        enterpriseName={overview.enterprise.name ?? ''}
        enterpriseNumber={overview.enterprise.number}
        self={principal.personId === request.session!.personId}
        principalName={`${principal.person.givenName} ${principal.person.familyName}`}
        email={principal.contactEmail ?? ''}
      />,
    );
  });

  /** The managers of the enterprise and what the viewer may do there; with `sync`, the register's establishment units are added first (the designate form offers them). */
  async function managersPage(request: FastifyRequest, number: string, options: { sync?: boolean } = {}) {
    const overview = await managersOf(ctx, sessionActor(request), number, request.lang);
    if (options.sync) await syncEstablishmentUnits(ctx, number, request.lang);
    const units = await unitsOf(ctx, number);
    const now = ctx.clock.now();
    const revocable = new Set(overview.managers.filter((m) => may(overview.actor, { type: 'revoke', enterprise: number, mandate: m }, now)).map((m) => m.id));
    // The domains access managers are designated for are the catalog's.
    const catalog = await catalogOf(ctx);
    const domains = catalog.domains;
    const kinds = designatableKinds(overview.actor, number, now, { domains: domains.map((d) => d.id), unitIds: units.map((u) => u.id) });
    return {
      overview,
      domains,
      applications: catalog.applications,
      revocable,
      kinds,
      units,
      sections: sectionsFor(overview.actor, number, now),
      mayDesignatePrincipal: may(overview.actor, { type: 'designate_principal', enterprise: number }, now),
    };
  }

  app.get('/organisations/:number/managers', async (request, reply) => {
    const page = await managersPage(request, enterpriseParam(request.params));
    const { done } = doneQuery.parse(request.query);
    return reply.render(
      <ManagersPage overview={page.overview} domains={page.domains} applications={page.applications} revocable={page.revocable} mayDesignate={page.kinds.length > 0} mayDesignatePrincipal={page.mayDesignatePrincipal} sections={page.sections} done={done} />,
    );
  });

  app.get('/organisations/:number/managers/new', async (request, reply) => {
    const page = await managersPage(request, enterpriseParam(request.params), { sync: true });
    if (page.kinds.length === 0) throw new NotFoundError();
    return reply.render(<DesignatePage enterprise={page.overview.enterprise} kinds={page.kinds} domains={page.domains} units={page.units} values={{ validFrom: today(ctx.clock.now()) }} />);
  });

  app.post('/organisations/:number/managers/new', async (request, reply) => {
    const number = enterpriseParam(request.params);
    const page = await managersPage(request, number);
    if (page.kinds.length === 0) throw new NotFoundError();
    const body = formBody(request.body);
    const edit = (values: FormBody, errors?: FormErrors, status = 200) =>
      reply.render(<DesignatePage enterprise={page.overview.enterprise} kinds={page.kinds} domains={page.domains} units={page.units} values={values} errors={errors} />, status);
    const parsed = designationForm(page.domains.map((d) => d.id)).safeParse(body);
    if (formValue(body, '_action') === 'edit') return edit(body);
    if (!parsed.success) return edit(body, formErrorsFromZod(parsed.error, request.t, fieldLabels(request)), 400);
    const form = parsed.data;
    if (!(page.kinds as string[]).includes(form.kind)) return edit(body, { kind: request.t('organisations.errors.forbidden') }, 403);
    try {
      const person = await registerPersonFor(ctx, form.nrn);
      if (form.validFrom < today(ctx.clock.now())) throw new InputError('validFrom', 'organisations.errors.from_past');
      if (formValue(body, '_action') !== 'confirm') {
        return reply.render(<DesignatePage enterprise={page.overview.enterprise} kinds={page.kinds} domains={page.domains} units={page.units} values={body} confirm={{ person, form }} />);
      }
      await designateManager(
        ctx,
        sessionActor(request),
        {
          enterpriseNumber: number,
          kind: form.kind as DesignatedKind,
          domain: form.kind === 'domain_access_manager' ? form.domain : null,
          unitId: form.kind === 'local_manager' ? form.unitId : null,
          nrn: form.nrn,
          email: form.email,
          validFrom: form.validFrom,
          validUntil: form.validUntil || null,
        },
        request.id,
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return edit(body, formErrorsFromInputError(error, request.t), 400);
    }
    return reply.redirect(`/organisations/${number}/managers?done=designated`, 303);
  });

  app.get('/organisations/:number/managers/:mandateId/revoke', async (request, reply) => {
    const params = mandateParams.parse(request.params);
    const number = enterpriseParam(request.params);
    const page = await managersPage(request, number);
    const manager = await managerOf(ctx, number, params.mandateId);
    if (!page.revocable.has(manager.id)) throw new NotFoundError();
    return reply.render(<RevokePage manager={manager} domains={page.domains} applications={page.applications} />);
  });

  app.post('/organisations/:number/managers/:mandateId/revoke', async (request, reply) => {
    const params = mandateParams.parse(request.params);
    const number = enterpriseParam(request.params);
    await revokeManager(ctx, sessionActor(request), number, params.mandateId, request.id);
    return reply.redirect(`/organisations/${number}/managers?done=revoked`, 303);
  });
}

function fieldLabels(request: FastifyRequest): Record<string, string> {
  const t = request.t;
  return {
    enterpriseNumber: t('organisations.enterprise.number'),
    who: t('organisations.kind.principal'),
    nrn: t('organisations.person.nrn'),
    email: t('organisations.contact.email'),
    phone: t('organisations.contact.phone'),
    kind: t('organisations.managers.mandate'),
    domain: t('organisations.designate.domain'),
    unitId: t('organisations.designate.unit'),
    validFrom: t('organisations.designate.from'),
    validUntil: t('organisations.designate.until'),
    [FORM_LEVEL]: '',
  };
}

