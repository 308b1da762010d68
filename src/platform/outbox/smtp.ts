import nodemailer from 'nodemailer';
import { messageIdFor } from './model';
import type { MailTransport } from './ports';

/**
 * E-mail over SMTP, for SMTP_URL = smtp://user:password@host:587 (STARTTLS
 * when the server offers it) or smtps://user:password@host:465 (TLS from the
 * start). One connection per message: messages are few, and nothing lingers
 * open between them.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(
    {
      url,
      // Bounded, so a hung server fails an attempt well within the worker's lease.
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
      // Bodies are our own rendered strings: never let content make the mailer read files or fetch URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from },
  );
  return {
    async send(email) {
      await transporter.sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
        messageId: messageIdFor(email.deliveryId, from),
        headers: { 'Content-Language': email.lang },
      });
    },
  };
}
