import type { SmsGateway } from './ports';

/** Within the worker's budget for one send; a hung gateway fails the attempt, which is retried. */
const GATEWAY_TIMEOUT_MS = 20_000;

export class SmsGatewayError extends Error {
  override name = 'SmsGatewayError';
}

/**
 * SMS through an HTTP gateway (SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN): one
 * `POST` of JSON `{ "to": "+32470123456", "text": "…" }` per message, with
 * `Authorization: Bearer <token>` and the message's delivery id as
 * `Idempotency-Key`, the same on every retry, so a gateway that honours it
 * sends a retried message once. Any 2xx answer is accepted; anything else,
 * or no answer in time, rejects and the outbox worker tries again later.
 */
export function httpSmsGateway(url: string, token: string): SmsGateway {
  return {
    async send(sms) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': sms.deliveryId },
          body: JSON.stringify({ to: sms.to, text: sms.text }),
          signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
          redirect: 'error',
        });
      } catch (error) {
        // fetch hides the cause (refused, reset, timeout) one level down.
        const cause = (error as Error & { cause?: Error }).cause;
        throw new SmsGatewayError(`SMS gateway unreachable: ${cause?.message ?? (error as Error).message}`);
      }
      // The body is not read into the error: a gateway may echo the number or the text, which are personal data.
      await response.body?.cancel();
      if (!response.ok) throw new SmsGatewayError(`SMS gateway answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    },
  };
}
