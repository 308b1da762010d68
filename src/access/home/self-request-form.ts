import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sessionActor } from '../../authn/http-session';
import { today } from '../../organisations/model';
import type { AppContext } from '../../platform/context';
import { InputError } from '../../platform/errors';
import type { MessageKey } from '../../platform/i18n/catalog';
import { dateField, emailField, FORM_LEVEL, formErrorsFromInputError, formErrorsFromZod, textField, type FormBody, type FormErrors } from '../../platform/views/form-data';
import { requestForSelf } from './service';

/*
 * The last step of "Demander soi-même une attribution de rôle", submitted
 * from role management (/access/request) and from the portal (/apps/:id/request):
 * the same form, the same request, the same errors; only the pages differ,
 * and the portal's form has no start date (the request starts today).
 */

export type SelfRequestOutcome = 'requested' | 'scheduled' | 'granted';

export interface SelfRequestForm {
  /** The page's labels of the fields, for the error messages. */
  labels: Record<string, string>;
  roleRequired: MessageKey;
  /** No start date on the form: the right is asked from today. */
  startsToday: boolean;
}

const fields = {
  unit: textField({ max: 40 }),
  validUntil: dateField(),
  contactEmail: emailField({ required: true }),
  message: textField({ max: 2000 }),
};

export async function submitSelfRequest(
  ctx: AppContext,
  request: FastifyRequest,
  target: { enterpriseNumber: string; applicationId: string },
  body: FormBody,
  form: SelfRequestForm,
): Promise<{ errors: FormErrors } | { assignmentId: string; outcome: SelfRequestOutcome }> {
  const schema = z.object({ ...fields, role: textField({ required: form.roleRequired, max: 100 }) });
  const withStart = schema.extend({ validFrom: dateField({ required: true }) });
  const parsed = (form.startsToday ? schema : withStart).safeParse(body);
  if (!parsed.success) return { errors: formErrorsFromZod(parsed.error, request.t, form.labels) };
  const input = parsed.data;
  try {
    const outcome = await requestForSelf(
      ctx,
      sessionActor(request),
      {
        ...target,
        roleCode: input.role,
        unitId: input.unit || null,
        validFrom: form.startsToday ? today(ctx.clock.now()) : (input as z.infer<typeof withStart>).validFrom,
        validUntil: input.validUntil || null,
        contactEmail: input.contactEmail,
        message: input.message,
      },
      request.id,
    );
    return { assignmentId: outcome.assignment.id, outcome: !outcome.decided ? 'requested' : outcome.assignment.status === 'scheduled' ? 'scheduled' : 'granted' };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // The enterprise was chosen in an earlier step (and, on the portal, the start is today): such errors concern the whole form.
    const formLevel = error.field === 'enterprise' || (form.startsToday && error.field === 'validFrom');
    return { errors: formLevel ? { [FORM_LEVEL]: request.t(error.code, error.params) } : formErrorsFromInputError(error, request.t) };
  }
}
