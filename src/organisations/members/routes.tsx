import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { catalogOf } from '../../access/catalog/service';
import type { AppContext } from '../../platform/context';
import { InputError, NotFoundError } from '../../platform/errors';
import { formBody, formErrorsFromInputError, formErrorsFromZod, formValue, formValues, FORM_LEVEL } from '../../platform/views/form-data';
import { parseListQuery } from '../../platform/views/pagination';
import { formatNrn, checkEnterpriseNumber } from '../../registries/identifiers';
import { enterpriseHome, enterprisesOf } from './chooser';
import { comparePersons, openMembershipsOf, personDetails, personsPage, SORT_KEYS } from './list';
import { mayAssignRoles } from './rights';
import { csvLine, endForm, type MembershipCategory, listFilters, lookupForm, membershipForm, unitForm } from './model';
import { addMembership, createUnit, endMembership, endMemberships, lookupPerson, membershipOf, scopeFor } from './service';
import { AddPersonPage } from './views/add-person-page';
import { ChooserPage, HomePage } from './views/chooser-page';
import { ComparePage, EndManyPage, EndPage, PersonPage } from './views/person-page';
import { PersonsPage, unitsText } from './views/persons-page';
import { UnitsPage } from './views/units-page';
import { sessionActor } from '../../authn/http-session';

const doneQuery = z.object({ done: z.enum(['added', 'ended', 'ended_many', 'created']).optional().catch(undefined) });
const idParams = z.object({ id: z.string().max(40) });

/** The `:id` of a path, or 404. */
function idParam(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

function enterpriseParam(params: unknown): string {
  const number = (params as { number?: unknown }).number;
  const checked = typeof number === 'string' && number.length <= 20 ? checkEnterpriseNumber(number) : undefined;
  if (!checked?.ok) throw new NotFoundError();
  return checked.value;
}

/**
 * Units and memberships, and the enterprise chooser. Registered inside
 * organisationRoutes, whose hook requires the high level on every page.
 */
export function memberRoutes(app: FastifyInstance, ctx: AppContext) {
  const labels = (request: FastifyRequest): Record<string, string> => {
    const t = request.t;
    return {
      nrn: t('organisations.person.nrn'),
      unit: t('members.filters.unit'),
      category: t('members.add.category'),
      workEmail: t('members.add.work_email'),
      workPhone: t('members.add.work_phone'),
      startDate: t('members.add.start'),
      endDate: t('members.add.end'),
      reason: t('members.add.reason'),
      name: t('members.units.name'),
      number: t('members.units.number'),
      kind: t('members.units.kind'),
      [FORM_LEVEL]: '',
    };
  };

  app.get('/organisations', async (request, reply) => {
    const query = parseListQuery(request.query);
    const { rows, pagination } = await enterprisesOf(ctx, sessionActor(request), request.lang, query.q, query.page);
    return reply.render(<ChooserPage rows={rows} query={query} pagination={pagination} />);
  });

  app.get('/organisations/:number', async (request, reply) => {
    const home = await enterpriseHome(ctx, sessionActor(request), enterpriseParam(request.params), request.lang);
    return reply.render(<HomePage home={home} />);
  });

  // ——— units ———

  app.get('/organisations/:number/units', async (request, reply) => {
    const scope = await scopeFor(ctx, sessionActor(request), enterpriseParam(request.params), request.lang, { view: true, sync: true });
    return reply.render(<UnitsPage scope={scope} done={doneQuery.parse(request.query).done === 'created'} />);
  });

  app.post('/organisations/:number/units', async (request, reply) => {
    const number = enterpriseParam(request.params);
    const scope = await scopeFor(ctx, sessionActor(request), number, request.lang, { view: true });
    const body = formBody(request.body);
    const parsed = unitForm.safeParse(body);
    if (!parsed.success) return reply.render(<UnitsPage scope={scope} values={body} errors={formErrorsFromZod(parsed.error, request.t, labels(request))} />, 400);
    try {
      await createUnit(ctx, sessionActor(request), number, { kind: parsed.data.kind as 'capacity' | 'sub_entity', name: parsed.data.name, number: parsed.data.number }, request.id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return reply.render(<UnitsPage scope={scope} values={body} errors={formErrorsFromInputError(error, request.t)} />, 400);
    }
    return reply.redirect(`/organisations/${number}/units?done=created`, 303);
  });

  // ——— persons ———

  const listState = (request: FastifyRequest) => ({
    query: parseListQuery(request.query, { sortKeys: SORT_KEYS, defaultSort: 'name' }),
    filters: listFilters.parse(request.query ?? {}),
  });

  app.get('/organisations/:number/persons', async (request, reply) => {
    const { query, filters } = listState(request);
    const page = await personsPage(ctx, sessionActor(request), enterpriseParam(request.params), request.lang, query, filters);
    const query2 = { ...query, page: page.pagination.page };
    const applications = (await catalogOf(ctx)).applications.filter((a) => a.audience === 'enterprise');
    return reply.render(<PersonsPage scope={page.scope} rows={page.rows} query={query2} pagination={page.pagination} filters={filters} applications={applications} done={doneQuery.parse(request.query).done} />);
  });

  app.get('/organisations/:number/persons.csv', async (request, reply) => {
    const number = enterpriseParam(request.params);
    const { query, filters } = listState(request);
    const { all } = await personsPage(ctx, sessionActor(request), number, request.lang, query, filters);
    const t = request.t;
    const whole = t('members.unit.whole');
    async function* lines() {
      yield '\uFEFF';
      yield csvLine([t('members.add.family_name'), t('members.add.given_names'), t('organisations.person.nrn'), t('members.filters.type'), t('members.filters.status'), t('members.filters.unit'), t('members.add.category'), t('members.persons.since'), t('members.add.work_email')]);
      for (const r of all) {
        const open = r.memberships.find((m) => m.status !== 'ended') ?? r.memberships[0];
        yield csvLine([r.familyName, r.givenName, formatNrn(r.nrn), t(`members.type.${r.type}`), t(`members.status.${r.status}`), unitsText(r, whole), r.category ? t(`members.category.${r.category}`) : '', r.since, open?.workEmail ?? '']);
      }
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="persons-${number}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });

  app.get('/organisations/:number/persons/new', async (request, reply) => {
    const scope = await scopeFor(ctx, sessionActor(request), enterpriseParam(request.params), request.lang, { sync: true });
    return reply.render(<AddPersonPage scope={scope} values={{}} />);
  });

  app.post('/organisations/:number/persons/new', async (request, reply) => {
    const number = enterpriseParam(request.params);
    const scope = await scopeFor(ctx, sessionActor(request), number, request.lang);
    const body = formBody(request.body);
    const lookup = lookupForm.safeParse(body);
    if (!lookup.success) return reply.render(<AddPersonPage scope={scope} values={body} errors={formErrorsFromZod(lookup.error, request.t, labels(request))} />, 400);
    let person;
    try {
      person = await lookupPerson(ctx, lookup.data.nrn);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return reply.render(<AddPersonPage scope={scope} values={body} errors={formErrorsFromInputError(error, request.t)} />, 400);
    }
    const startValues = { startDate: new Date(ctx.clock.now()).toISOString().slice(0, 10), ...body };
    if (formValue(body, '_action') !== 'add') return reply.render(<AddPersonPage scope={scope} values={startValues} person={person} />);
    const parsed = membershipForm.safeParse(body);
    if (!parsed.success) return reply.render(<AddPersonPage scope={scope} values={body} person={person} errors={formErrorsFromZod(parsed.error, request.t, labels(request))} />, 400);
    const form = parsed.data;
    let personId: string;
    try {
      ({ personId } = await addMembership(
        ctx,
        sessionActor(request),
        { enterpriseNumber: number, nrn: form.nrn, unitId: form.unit || null, category: form.category as MembershipCategory, workEmail: form.workEmail, workPhone: form.workPhone, startDate: form.startDate, endDate: form.endDate || null, reason: form.reason },
        request.id,
      ));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return reply.render(<AddPersonPage scope={scope} values={body} person={person} errors={formErrorsFromInputError(error, request.t)} />, 400);
    }
    return reply.redirect(`/organisations/${number}/persons/${personId}?done=added`, 303);
  });

  app.get('/organisations/:number/persons/compare', async (request, reply) => {
    const ids = formValues(request.query as Record<string, unknown>, 'p').slice(0, 20);
    const result = await comparePersons(ctx, sessionActor(request), enterpriseParam(request.params), ids, request.lang);
    return reply.render(<ComparePage scope={result.scope} persons={result.persons} catalog={await catalogOf(ctx)} />);
  });

  // ——— "Supprimer utilisateur(s)": ending the relationships of the selected persons ———

  app.get('/organisations/:number/persons/end', async (request, reply) => {
    const ids = formValues(request.query as Record<string, unknown>, 'p');
    const { scope, persons } = await openMembershipsOf(ctx, sessionActor(request), enterpriseParam(request.params), ids, request.lang);
    return reply.render(<EndManyPage scope={scope} persons={persons} />);
  });

  app.post('/organisations/:number/persons/end', async (request, reply) => {
    const number = enterpriseParam(request.params);
    const who = sessionActor(request);
    const body = formBody(request.body);
    const { scope, persons } = await openMembershipsOf(ctx, who, number, formValues(body, 'p'), request.lang);
    const parsed = endForm.safeParse(body);
    if (!parsed.success || persons.length === 0) {
      const errors = parsed.success ? {} : formErrorsFromZod(parsed.error, request.t, labels(request));
      return reply.render(<EndManyPage scope={scope} persons={persons} errors={errors} reason={formValue(body, 'reason')} />, 400);
    }
    const ids = persons.flatMap((p) => p.memberships.map((m) => m.id));
    await endMemberships(ctx, who, number, ids, parsed.data.reason, request.id);
    return reply.redirect(`/organisations/${number}/persons?done=ended_many`, 303);
  });

  app.get('/organisations/:number/persons/:id', async (request, reply) => {
    const id = idParam(request.params);
    const number = enterpriseParam(request.params);
    const who = sessionActor(request);
    const { scope, person, rights } = await personDetails(ctx, who, number, id, request.lang);
    const mayAssign = await mayAssignRoles(ctx, who, number, request.lang);
    return reply.render(<PersonPage scope={scope} person={person} rights={rights} mayAssign={mayAssign} catalog={await catalogOf(ctx)} done={doneQuery.parse(request.query).done} now={ctx.clock.now()} />);
  });

  // ——— ending a membership ———

  async function endContext(request: FastifyRequest) {
    const number = enterpriseParam(request.params);
    const id = idParam(request.params);
    const membership = await membershipOf(ctx, number, id);
    const { scope, person } = await personDetails(ctx, sessionActor(request), number, membership.personId, request.lang);
    if (!person.memberships.some((m) => m.id === membership.id && m.endedAt === null)) throw new NotFoundError();
    return { number, membership, scope, person };
  }

  app.get('/organisations/:number/memberships/:id/end', async (request, reply) => {
    const c = await endContext(request);
    return reply.render(<EndPage scope={c.scope} membership={c.membership} person={c.person} />);
  });

  app.post('/organisations/:number/memberships/:id/end', async (request, reply) => {
    const c = await endContext(request);
    const body = formBody(request.body);
    const parsed = endForm.safeParse(body);
    const page = (errors: Record<string, string>) => reply.render(<EndPage scope={c.scope} membership={c.membership} person={c.person} errors={errors} reason={formValue(body, 'reason')} />, 400);
    if (!parsed.success) return page(formErrorsFromZod(parsed.error, request.t, labels(request)));
    try {
      await endMembership(ctx, sessionActor(request), c.number, c.membership.id, parsed.data.reason, request.id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return page(formErrorsFromInputError(error, request.t));
    }
    return reply.redirect(`/organisations/${c.number}/persons/${c.person.personId}?done=ended`, 303);
  });
}
