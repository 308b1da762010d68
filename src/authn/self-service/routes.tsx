import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { profileInput, profileOf, updateProfile, type ProfileInput } from '../../identity/service';
import type { AppContext } from '../../platform/context';
import { NotFoundError } from '../../platform/errors';
import { formBody, formErrorsFromZod, formValue } from '../../platform/views/form-data';
import { deactivateKey, keysOf } from '../digital-keys/service';
import { requireSession } from '../http-session';
import { isManagedKind, keyRows, keysDonePath } from './model';
import { DeactivatePage } from './views/deactivate-page';
import { KeysPage } from './views/keys-page';
import { ProfilePage } from './views/profile-page';

const keysQuery = z.object({
  done: z.enum(['activated', 'replaced', 'deactivated']).optional().catch(undefined),
  kind: z.string().optional().catch(undefined),
});
const keyParams = z.object({ keyId: z.uuid() });
const profileQuery = z.object({ done: z.enum(['saved', 'unchanged']).optional().catch(undefined) });

/** "Mes clés numériques" and "Mon profil": the person's own keys and contact details. */
export function selfServiceRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireSession('low'));

  app.get('/keys', async (request, reply) => {
    const session = request.session!;
    const query = keysQuery.parse(request.query);
    const [keys, profile] = await Promise.all([keysOf(ctx, session.personId), profileOf(ctx, session.personId)]);
    const done = query.done && isManagedKind(query.kind) ? { outcome: query.done, kind: query.kind } : undefined;
    return reply.render(
      <KeysPage
        rows={keyRows(keys, session.loa)}
        deactivated={keys.filter((key) => key.status === 'deactivated')}
        sessionLoa={session.loa}
        hasEmail={Boolean(profile.person.email)}
        done={done}
      />,
    );
  });

  /** The confirmation; only a key of the session's own person is found. */
  app.get('/keys/:keyId/deactivate', async (request, reply) => {
    const key = await ownLiveKey(ctx, request.session!.personId, request.params);
    return reply.render(<DeactivatePage item={key} />);
  });

  app.post('/keys/:keyId/deactivate', async (request, reply) => {
    const session = request.session!;
    const key = await ownLiveKey(ctx, session.personId, request.params);
    await deactivateKey(ctx, session, key.id, request.id);
    return reply.redirect(keysDonePath('deactivated', key.kind), 303);
  });

  app.get('/keys/profile', async (request, reply) => {
    const profile = await profileOf(ctx, request.session!.personId);
    const { done } = profileQuery.parse(request.query);
    const values = { email: profile.person.email ?? '', language: profile.person.language ?? request.lang };
    return reply.render(<ProfilePage profile={profile} values={values} done={done} />);
  });

  app.post('/keys/profile', async (request, reply) => {
    const session = request.session!;
    const body = formBody(request.body);
    const parsed = profileInput.safeParse(body);
    if (!parsed.success) {
      const profile = await profileOf(ctx, session.personId);
      const labels = { email: request.t('selfservice.profile.email'), language: request.t('selfservice.profile.language') };
      const values = { email: formValue(body, 'email'), language: formValue(body, 'language') };
      return reply.render(<ProfilePage profile={profile} values={values} errors={formErrorsFromZod(parsed.error, request.t, labels)} />, 400);
    }
    const wanted = parsed.data as ProfileInput;
    const changed = await updateProfile(ctx, { personId: session.personId, nrn: session.nrn }, wanted, request.id);
    const next = `/keys/profile?done=${changed.length > 0 ? 'saved' : 'unchanged'}`;
    // A new language is the interface's too: the switcher's own route remembers it, then comes back.
    if (changed.includes('language')) return reply.redirect(`/lang/${wanted.language}?${new URLSearchParams({ next })}`, 303);
    return reply.redirect(next, 303);
  });
}

async function ownLiveKey(ctx: AppContext, personId: string, params: unknown) {
  const parsed = keyParams.safeParse(params);
  const key = parsed.success ? (await keysOf(ctx, personId)).find((k) => k.id === parsed.data.keyId && k.status !== 'deactivated') : undefined;
  if (!key) throw new NotFoundError();
  return key;
}
