import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError, InputError } from '../../platform/errors';
import { formBody, formErrorsFromInputError, formValue, FORM_LEVEL } from '../../platform/views/form-data';
import { codeKeyOf, sendLoginCode } from '../codes/channels';
import { hasCodeKey, verifySecurityCode, type CodeKind } from '../codes/service';
import { randomPosition, tokenCardSerial } from '../codes/token-card/service';
import { keysOf, markKeyUsed } from '../digital-keys/service';
import { requireSession } from '../http-session';
import { keyKind, type KeyId } from '../keys';
import { atLeast } from '../loa';
import { completeIdentification, pendingLogin } from '../login';
import { forgetSecondStep, rememberSecondStep, secondStep, STEP_TTL_MS, type SecondStep } from './second-step';
import { activatePassword, checkPassword, currentUsername } from './service';
import { ActivatePasswordPage } from './views/activate-page';
import { CodeStepPage, type CodePrompt } from './views/code-page';
import { PasswordLoginPage } from './views/login-page';

const loginQuery = z.object({ code: z.enum(['totp', 'sms', 'email', 'token']).optional().catch(undefined) });

function keyOf(code: CodeKind | undefined): KeyId {
  return code ? `password_${code}` : 'password';
}

/** A key below the level the application asked for is refused before any password is typed. */
function assertLevel(request: FastifyRequest, key: KeyId) {
  if (!atLeast(keyKind(key).loa, pendingLogin(request).loa)) throw new AppError('authn.level_too_low', 403);
}

function blocked(reply: FastifyReply, seconds: number) {
  return reply.header('retry-after', String(seconds));
}

/** Username + password, alone or followed by a security code (`?code=totp|sms|email|token`); and its activation. */
export function passwordRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/login/password', async (request, reply) => {
    const { code } = loginQuery.parse(request.query);
    assertLevel(request, keyOf(code));
    return reply.render(<PasswordLoginPage keyId={keyOf(code)} action={request.url} />);
  });

  app.post('/login/password', async (request, reply) => {
    const { code } = loginQuery.parse(request.query);
    const key = keyOf(code);
    assertLevel(request, key);
    const body = formBody(request.body);
    const username = formValue(body, 'username').trim();
    const page = (error: string, status: number) =>
      reply.render(<PasswordLoginPage keyId={key} action={request.url} username={username} errors={{ [FORM_LEVEL]: error }} />, status);

    // Alone, the password ends the identification: its success is audited with the new session.
    const auditSuccess = code ? 'now' : 'with-identification';
    const check = await checkPassword(ctx, { username, password: formValue(body, 'password'), address: request.ip, requestId: request.id }, { auditSuccess });
    if (!check.ok) {
      if (check.reason === 'blocked') {
        blocked(reply, check.retryAfterSeconds);
        return page(request.t('throttle.blocked', { seconds: check.retryAfterSeconds }), 429);
      }
      return page(request.t('password.invalid'), 400);
    }
    if (!code) {
      await markKeyUsed(ctx.db, check.keyId, ctx.clock.now());
      return completeIdentification(ctx, request, reply, { nrn: check.nrn, key, person: check.person, audit: check.attempt && [check.attempt] });
    }
    if (!(await hasCodeKey(ctx, check.personId, code))) return page(request.t('codes.not_activated'), 400);
    const step: SecondStep = { personId: check.personId, nrn: check.nrn, passwordKeyId: check.keyId, kind: code, expiresAt: ctx.clock.now().getTime() + STEP_TTL_MS };
    if (code === 'token') step.position = randomPosition();
    if (code === 'sms' || code === 'email') await sendLoginCode(ctx, check.personId, code);
    rememberSecondStep(reply, step);
    return reply.redirect('/login/password/code', 303);
  });

  async function promptOf(step: SecondStep): Promise<CodePrompt> {
    if (step.kind === 'sms' || step.kind === 'email') return { kind: step.kind, to: (await codeKeyOf(ctx, step.personId, step.kind))?.masked };
    if (step.kind === 'token') return { kind: 'token', position: step.position, serial: await tokenCardSerial(ctx, step.personId) };
    return { kind: 'totp' };
  }

  function currentStep(request: FastifyRequest): SecondStep {
    const step = secondStep(request, ctx.clock.now());
    if (!step) throw new AppError('codes.step_expired', 400);
    assertLevel(request, keyOf(step.kind));
    return step;
  }

  app.get('/login/password/code', async (request, reply) => {
    const step = currentStep(request);
    return reply.render(<CodeStepPage prompt={await promptOf(step)} />);
  });

  app.post('/login/password/code', async (request, reply) => {
    const step = currentStep(request);
    const code = formValue(formBody(request.body), 'code');
    try {
      await verifySecurityCode(ctx, { personId: step.personId, nrn: step.nrn, kind: step.kind, code, position: step.position, address: request.ip, requestId: request.id });
    } catch (error) {
      if (!(error instanceof AppError) || error.field !== 'code') throw error;
      if (error.status === 429) blocked(reply, Number(error.params.seconds));
      return reply.render(<CodeStepPage prompt={await promptOf(step)} errors={formErrorsFromInputError(error as InputError, request.t)} />, error.status);
    }
    await markKeyUsed(ctx.db, step.passwordKeyId, ctx.clock.now());
    forgetSecondStep(reply);
    return completeIdentification(ctx, request, reply, { nrn: step.nrn, key: keyOf(step.kind) });
  });

  app.post('/login/password/code/resend', async (request, reply) => {
    const step = currentStep(request);
    if (step.kind !== 'sms' && step.kind !== 'email') return reply.redirect('/login/password/code', 303);
    const sent = await sendLoginCode(ctx, step.personId, step.kind);
    const notice = sent.sent ? request.t('codes.resent') : request.t('codes.resend_wait', { seconds: sent.retryAfterSeconds });
    return reply.render(<CodeStepPage prompt={await promptOf(step)} notice={notice} />, sent.sent ? 200 : 429);
  });

  app.get('/keys/password/activate', { preHandler: requireSession('high') }, async (request, reply) => {
    const username = await currentUsername(ctx, request.session!.personId);
    return reply.render(<ActivatePasswordPage username={username} replacing={Boolean(username)} />);
  });

  app.post('/keys/password/activate', { preHandler: requireSession('high') }, async (request, reply) => {
    const session = request.session!;
    const body = formBody(request.body);
    const replacing = (await keysOf(ctx, session.personId)).some((k) => k.kind === 'password' && k.status === 'active');
    const input = { username: formValue(body, 'username'), password: formValue(body, 'password'), confirmation: formValue(body, 'confirmation') };
    try {
      await activatePassword(ctx, session, input, request.id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return reply.render(<ActivatePasswordPage username={input.username} replacing={replacing} errors={formErrorsFromInputError(error, request.t)} />, 400);
    }
    return reply.redirect(`/keys?${new URLSearchParams({ done: replacing ? 'replaced' : 'activated', kind: 'password' })}`, 303);
  });
}
