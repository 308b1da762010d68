import type { MessageKey } from './i18n/catalog';
import type { Params } from './i18n/translate';

/**
 * The one error model: a stable code that is also the message key shown to
 * the person, an HTTP status, and the field it concerns when there is one.
 * Anything else that reaches the error handler is a bug and answers 500
 * without details.
 */
export class AppError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly status = 400,
    readonly params: Params = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** Bad input, tied to the form field that holds it. */
export class InputError extends AppError {
  constructor(field: string, code: MessageKey, params: Params = {}) {
    super(code, 400, params, field);
    this.name = 'InputError';
  }
}

export class ForbiddenError extends AppError {
  constructor(code: MessageKey = 'errors.forbidden') {
    super(code, 403);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends AppError {
  constructor(code: MessageKey = 'errors.not_found.text') {
    super(code, 404);
    this.name = 'NotFoundError';
  }
}
