import type { FastifyInstance } from 'fastify';
import { catalogOf } from '../../access/catalog/service';
import type { AppContext } from '../context';
import { mailboxPageEnabled } from '../outbox/delivery';
import { formBody, formErrorsFromZod } from '../views/form-data';
import { paginate, pageOf, parseListQuery } from '../views/pagination';
import { readTwoList } from '../views/two-list-state';
import { advanceWizard, startWizard } from '../views/wizard-state';
import { APPLICATIONS, EMPLOYEE_SORT_KEYS, findEmployees } from './fixtures';
import { galleryForm, galleryFormLabels, invitationLabels, invitationWizard, twoListForm } from './schemas';
import { FormPage } from './views/form-page';
import { GalleryPage } from './views/gallery';
import { DevIndexPage } from './views/index';
import { TablePage } from './views/table-page';
import { TwoListPage } from './views/two-list-page';
import { WizardDonePage, WizardPage } from './views/wizard-page';

type Query = { Querystring: Record<string, unknown> };

/**
 * Developer pages: /dev and the component gallery. Registered only when
 * DEV_TOOLS is on (the default outside production); otherwise every /dev
 * page is a plain 404. The gallery stores nothing.
 */
export function devtoolsRoutes(app: FastifyInstance, ctx: AppContext) {
  if (!ctx.config.devTools) return;

  app.get('/dev', async (_request, reply) => reply.render(<DevIndexPage mailbox={mailboxPageEnabled(ctx.config)} />));
  app.get('/dev/components', async (_request, reply) => {
    const catalog = await catalogOf(ctx);
    const application = catalog.application('espace-personnel-wallon') ?? catalog.applications.find((a) => a.permissions.length > 0);
    return reply.render(<GalleryPage matrix={application && { application, roles: catalog.rolesOf(application.id) }} />);
  });

  app.get<Query>('/dev/components/form', async (request, reply) =>
    reply.render(<FormPage values={{}} done={request.query.done === '1'} />),
  );
  app.post('/dev/components/form', async (request, reply) => {
    const body = formBody(request.body);
    const parsed = galleryForm.safeParse(body);
    if (!parsed.success) {
      return reply.render(<FormPage values={body} errors={formErrorsFromZod(parsed.error, request.t, galleryFormLabels(request.t))} />, 400);
    }
    return reply.redirect('/dev/components/form?done=1', 303);
  });

  app.get<Query>('/dev/components/table', async (request, reply) => {
    const query = parseListQuery(request.query, { sortKeys: EMPLOYEE_SORT_KEYS, defaultSort: 'lastName' });
    const found = findEmployees(query.q, query.sort, query.dir);
    const pagination = paginate(found.length, query.page);
    return reply.render(<TablePage rows={pageOf(found, pagination)} query={query} pagination={pagination} />);
  });

  app.get<Query>('/dev/components/wizard', async (request, reply) => {
    if (request.query.done === '1') return reply.render(<WizardDonePage />);
    return reply.render(<WizardPage outcome={startWizard(invitationWizard)} roles={{ chosen: [], filter: '' }} />);
  });
  app.post('/dev/components/wizard', async (request, reply) => {
    const outcome = advanceWizard(invitationWizard, formBody(request.body));
    // A real wizard re-checks here, in its service, everything the person may not decide (rights, uniqueness).
    if (outcome.kind === 'done') return reply.redirect('/dev/components/wizard?done=1', 303);
    const errors = outcome.error && formErrorsFromZod(outcome.error, request.t, invitationLabels(request.t));
    const roles = readTwoList(outcome.values, 'roles', APPLICATIONS);
    return reply.render(<WizardPage outcome={outcome} roles={roles} errors={errors} />, errors ? 400 : 200);
  });

  app.get<Query>('/dev/components/two-list', async (request, reply) => {
    const saved = typeof request.query.saved === 'string' && /^\d{1,3}$/.test(request.query.saved) ? Number(request.query.saved) : undefined;
    return reply.render(<TwoListPage state={{ chosen: [], filter: '' }} saved={saved} />);
  });
  app.post('/dev/components/two-list', async (request, reply) => {
    const body = formBody(request.body);
    const state = readTwoList(body, 'applications', APPLICATIONS);
    if (state.moved) return reply.render(<TwoListPage state={state} />);
    const parsed = twoListForm.safeParse(body);
    if (!parsed.success) {
      const errors = formErrorsFromZod(parsed.error, request.t, { applications: request.t('dev.twolist.legend') });
      return reply.render(<TwoListPage state={state} errors={errors} />, 400);
    }
    return reply.redirect(`/dev/components/two-list?saved=${parsed.data.applications.length}`, 303);
  });
}
