import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { formBody, formErrorsFromInputError, formValue, textField } from '../../platform/views/form-data';
import { mayActivate } from '../digital-keys/model';
import { requireSession } from '../http-session';
import { completeIdentification } from '../login';
import { activationLevel, keysDonePath } from '../self-service/model';
import { finishRegistration, identifyWithPasskey, startLogin, startRegistration } from './service';
import { ActivatePasskeyPage } from './views/activate-page';
import { PasskeyLoginPage } from './views/login-page';

const labelField = textField({ max: 60 });

/** A refusal tied to the form comes back on the page, with a fresh challenge; anything else goes to the error handler. */
function formError(error: unknown, request: FastifyRequest) {
  if (error instanceof AppError && error.field) return { errors: formErrorsFromInputError(error as never, request.t), status: error.status };
  throw error;
}

/** Passkeys (WebAuthn): activation from "Mes clés numériques", and identification at /login/passkey. */
export function passkeyRoutes(app: FastifyInstance, ctx: AppContext) {
  const activationPage = async (request: FastifyRequest, reply: FastifyReply, label = '', refused?: { errors: Record<string, string>; status: number }) => {
    const session = request.session!;
    if (!mayActivate(session.loa, 'passkey')) return reply.render(<ActivatePasskeyPage allowed={false} requiredLevel={activationLevel('passkey')} />, 403);
    const { challengeId, options } = await startRegistration(ctx, session);
    return reply.render(<ActivatePasskeyPage allowed challengeId={challengeId} options={options} label={label} errors={refused?.errors} />, refused?.status ?? 200);
  };

  app.get('/keys/passkey/activate', { preHandler: requireSession('low') }, (request, reply) => activationPage(request, reply));

  app.post('/keys/passkey/activate', { preHandler: requireSession('low') }, async (request, reply) => {
    const body = formBody(request.body);
    const label = labelField.safeParse(body.label);
    const answer = { challengeId: formValue(body, 'challengeId'), credential: formValue(body, 'credential'), label: label.success && label.data ? label.data : null };
    try {
      await finishRegistration(ctx, request.session!, answer, request.id);
    } catch (error) {
      return activationPage(request, reply, answer.label ?? '', formError(error, request));
    }
    return reply.redirect(keysDonePath('activated', 'passkey'), 303);
  });

  const loginPage = async (reply: FastifyReply, refused?: { errors: Record<string, string>; status: number }) => {
    const { challengeId, options } = await startLogin(ctx);
    return reply.render(<PasskeyLoginPage challengeId={challengeId} options={options} errors={refused?.errors} />, refused?.status ?? 200);
  };

  app.get('/login/passkey', (_request, reply) => loginPage(reply));

  app.post('/login/passkey', async (request, reply) => {
    const body = formBody(request.body);
    let identified;
    try {
      identified = await identifyWithPasskey(ctx, { challengeId: formValue(body, 'challengeId'), credential: formValue(body, 'credential') }, { address: request.ip, requestId: request.id });
    } catch (error) {
      return loginPage(reply, formError(error, request));
    }
    return completeIdentification(ctx, request, reply, { nrn: identified.nrn, key: 'passkey' });
  });
}
