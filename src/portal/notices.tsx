import { translator } from '../platform/i18n/translate';
import { LANGUAGES, type Lang } from '../platform/i18n/languages';
import { defineEmailTemplate, type EmailContent } from '../platform/outbox';
import { defineNotice } from '../platform/outbox/notice';

interface Report {
  application: string;
  subject: string;
  description: string;
  /** The reporter's name. */
  person: string;
  /** Where support may answer, or "—". */
  contact: string;
  reference: string;
}

/** To the application's support contact: the report as the person wrote it (escaped in the HTML part). */
export const problemReportEmail = defineEmailTemplate<Report>(
  'portal.problem_report',
  Object.fromEntries(
    LANGUAGES.map((lang) => {
      const t = translator(lang);
      return [
        lang,
        (p: Report): EmailContent => {
          const facts: Array<[string, string]> = [
            [t('portal.mail.report.application'), p.application],
            [t('portal.mail.report.person'), p.person],
            [t('portal.mail.report.contact'), p.contact],
            [t('portal.mail.report.reference'), p.reference],
            [t('portal.report.subject'), p.subject],
          ];
          return {
            subject: t('portal.mail.report.subject', { application: p.application, subject: p.subject }),
            text: `${t('portal.mail.report.intro')}\n\n${facts.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${p.description}\n`,
            html: (
              <>
                <p>{t('portal.mail.report.intro')}</p>
                <ul>
                  {facts.map(([k, v]) => (
                    <li>{`${k}: ${v}`}</li>
                  ))}
                </ul>
                {p.description.split(/\n+/).map((line) => (
                  <p>{line}</p>
                ))}
              </>
            ),
          };
        },
      ];
    }),
  ) as Record<Lang, (p: Report) => EmailContent>,
);

/** To the person: the report was received and sent on. */
export const problemReportAcknowledgement = defineNotice<{ name: string; url: string; application: string; subject: string; sent: boolean }>(
  'portal.problem_report_received',
  'portal.mail.greeting',
  (t, p) => ({
    subject: t('portal.mail.ack.subject', { application: p.application }),
    lines: [t(p.sent ? 'portal.mail.ack.body' : 'portal.mail.ack.body_kept', { application: p.application, subject: p.subject })],
  }),
);
