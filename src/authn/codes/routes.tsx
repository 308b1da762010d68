import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { personById } from '../../identity/service';
import type { AppContext } from '../../platform/context';
import { AppError, ForbiddenError } from '../../platform/errors';
import { formBody, formErrorsFromInputError, formValue, type FormErrors } from '../../platform/views/form-data';
import { keysOf } from '../digital-keys/service';
import { mayActivate, type KeyKindName } from '../digital-keys/model';
import { requireSession } from '../http-session';
import type { Session } from '../session';
import { activationDestination, confirmActivation, sendActivationCode } from './channels';
import { maskEmail, maskPhone, type CodeChannel } from './one-time/model';
import { forgetActivation, pendingActivation, rememberActivation } from './pending';
import { throttledActivation } from './service';
import { issueTokenCard } from './token-card/service';
import { activateTotp, newTotpSecret, otpauthUri } from './totp/service';
import { ChannelActivatePage } from './views/channel-page';
import { TokenCardPage } from './views/token-card-page';
import { TotpActivatePage } from './views/totp-page';

function errorsOf(error: unknown, t: Parameters<typeof formErrorsFromInputError>[1]): FormErrors {
  if (error instanceof AppError && error.field) return formErrorsFromInputError(error as never, t);
  throw error;
}

/** Where "Mes clés numériques" says what happened. */
function donePath(kind: KeyKindName, wasLive: boolean) {
  return `/keys?${new URLSearchParams({ done: wasLive ? 'replaced' : 'activated', kind })}`;
}

async function hasLive(ctx: AppContext, personId: string, kind: KeyKindName) {
  return (await keysOf(ctx, personId)).some((k) => k.kind === kind && k.status === 'active');
}

/** Activation of the security-code keys, from a session of substantial level at least. */
export function codeRoutes(app: FastifyInstance, ctx: AppContext) {
  const guard = { preHandler: requireSession('substantial') };

  function refuseBelow(session: Session, kind: KeyKindName) {
    if (!mayActivate(session.loa, kind)) throw new ForbiddenError('keys.level_too_low');
  }

  async function totpPage(reply: FastifyReply, session: Session, secret: string, errors?: FormErrors) {
    const person = await personById(ctx, session.personId);
    const qrDataUrl = await QRCode.toDataURL(otpauthUri(secret, person ? `${person.givenName} ${person.familyName}` : session.displayName), { margin: 1, width: 200 });
    return reply.render(<TotpActivatePage secret={secret} qrDataUrl={qrDataUrl} errors={errors} />, errors ? 400 : 200);
  }

  app.get('/keys/totp/activate', guard, async (request, reply) => {
    const session = request.session!;
    refuseBelow(session, 'totp');
    // A reload keeps the secret already scanned; a new enrolment gets a new one.
    const secret = pendingActivation(request, ctx.clock.now(), session.personId, 'totp')?.value ?? newTotpSecret();
    rememberActivation(reply, ctx.clock.now(), { personId: session.personId, kind: 'totp', value: secret });
    return totpPage(reply, session, secret);
  });

  app.post('/keys/totp/activate', guard, async (request, reply) => {
    const session = request.session!;
    const pending = pendingActivation(request, ctx.clock.now(), session.personId, 'totp');
    if (!pending) throw new AppError('codes.enrolment_expired', 400);
    const wasLive = await hasLive(ctx, session.personId, 'totp');
    try {
      await throttledActivation(ctx, { personId: session.personId, nrn: session.nrn, address: request.ip, factor: 'totp', requestId: request.id }, () =>
        activateTotp(ctx, session, { secret: pending.value, code: formValue(formBody(request.body), 'code') }, request.id),
      );
    } catch (error) {
      return totpPage(reply, session, pending.value, errorsOf(error, request.t));
    }
    forgetActivation(reply);
    return reply.redirect(donePath('totp', wasLive), 303);
  });

  for (const channel of ['sms', 'email'] as const satisfies readonly CodeChannel[]) {
    const mask = channel === 'sms' ? maskPhone : maskEmail;
    const profileEmail = async (session: Session) => (await personById(ctx, session.personId))?.email ?? undefined;

    app.get(`/keys/${channel}/activate`, guard, async (request, reply) => {
      refuseBelow(request.session!, channel);
      return reply.render(<ChannelActivatePage channel={channel} email={await profileEmail(request.session!)} />);
    });

    app.post(`/keys/${channel}/activate`, guard, async (request, reply) => {
      const session = request.session!;
      refuseBelow(session, channel);
      const body = formBody(request.body);
      const email = await profileEmail(session);
      const step = formValue(body, 'step');
      const pending = pendingActivation(request, ctx.clock.now(), session.personId, channel);

      if (step === 'confirm' && pending) {
        const wasLive = await hasLive(ctx, session.personId, channel);
        try {
          await throttledActivation(ctx, { personId: session.personId, nrn: session.nrn, address: request.ip, factor: channel, requestId: request.id }, () =>
            confirmActivation(ctx, session, channel, pending.value, formValue(body, 'code'), request.id),
          );
        } catch (error) {
          const errors = errorsOf(error, request.t);
          return reply.render(<ChannelActivatePage channel={channel} email={email} sentTo={mask(pending.value)} errors={errors} />, error instanceof AppError ? error.status : 400);
        }
        forgetActivation(reply);
        return reply.redirect(donePath(channel, wasLive), 303);
      }

      // "send" (or "resend", or a confirmation whose activation expired): where to, then the code.
      let destination: string;
      try {
        destination = step === 'resend' && pending ? pending.value : await activationDestination(ctx, session, channel, formValue(body, 'phone'));
      } catch (error) {
        return reply.render(<ChannelActivatePage channel={channel} email={email} phone={formValue(body, 'phone')} errors={errorsOf(error, request.t)} />, 400);
      }
      const sent = await sendActivationCode(ctx, session, channel, destination);
      rememberActivation(reply, ctx.clock.now(), { personId: session.personId, kind: channel, value: destination });
      const notice = sent.sent ? undefined : request.t('codes.resend_wait', { seconds: sent.retryAfterSeconds });
      return reply.render(<ChannelActivatePage channel={channel} email={email} sentTo={mask(destination)} notice={notice} />, sent.sent ? 200 : 429);
    });
  }

  app.get('/keys/token_card/activate', guard, async (request, reply) => {
    refuseBelow(request.session!, 'token_card');
    return reply.render(<TokenCardPage enabled={ctx.config.tokenCardsEnabled} />);
  });

  app.post('/keys/token_card/activate', guard, async (request, reply) => {
    const session = request.session!;
    if (!ctx.config.tokenCardsEnabled) return reply.render(<TokenCardPage enabled={false} />, 403);
    const card = await issueTokenCard(ctx, session, request.id);
    return reply.render(<TokenCardPage enabled card={card} />);
  });
}
