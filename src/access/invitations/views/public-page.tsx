import { Banner } from '../../../platform/views/components/banner';
import { Button, ButtonLink, EmailInput, Form, type FormErrors } from '../../../platform/views/components/form';
import { SummaryList } from '../../../platform/views/components/wizard';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { RoleLabel } from '../../catalog/views/role-label';
import type { AssignmentStatus } from '../../model';
import type { PublicInvitation } from '../accept';
import { enterpriseLabel } from './labels';

/** A link that leads nowhere, or to someone else's wrong secret: one page for both, so that it tells nothing. */
export function UnknownLinkPage() {
  const { t } = usePage();
  return (
    <Layout title={t('access.invitations.public.unknown_title')}>
      <h1>{t('access.invitations.public.unknown_title')}</h1>
      <p>{t('access.invitations.public.unknown')}</p>
      <p>{t('access.invitations.public.ask_again')}</p>
    </Layout>
  );
}

/** An invitation that was withdrawn or expired. */
export function ClosedPage(props: { invitation: PublicInvitation }) {
  const { t } = usePage();
  const { state, lastDay, inviter } = props.invitation;
  return (
    <Layout title={t('access.invitations.public.closed_title')}>
      <h1>{t('access.invitations.public.closed_title')}</h1>
      <Banner kind="info">
        <p>{state === 'withdrawn' ? t('access.invitations.public.withdrawn', { inviter }) : t('access.invitations.public.expired', { date: formatDate(lastDay) })}</p>
      </Banner>
      <p>{t('access.invitations.public.ask_again')}</p>
    </Layout>
  );
}

function Progress(props: { current: 1 | 2 }) {
  const { t } = usePage();
  const steps = [t('access.invitations.public.step1'), t('access.invitations.public.step2')];
  return (
    <nav class="wizard-progress" aria-label={t('wizard.progress')}>
      <ol class="wizard-progress__list">
        {steps.map((title, i) => (
          <li class={`wizard-progress__step${i + 1 === props.current ? ' wizard-progress__step--current' : ''}`} aria-current={i + 1 === props.current ? 'step' : undefined}>
            {t('wizard.step', { number: i + 1, title })}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function RolesList(props: { invitation: PublicInvitation; details: boolean }) {
  const { t, lang } = usePage();
  const { invitation } = props;
  const numbers = [...new Set(invitation.roles.map((r) => r.enterpriseNumber))];
  const until = invitation.invitation.validUntil ? formatDate(invitation.invitation.validUntil) : t('access.unlimited');
  return (
    <>
      {numbers.map((number) => {
        const roles = invitation.roles.filter((r) => r.enterpriseNumber === number);
        return (
          <section aria-labelledby={`enterprise-${number}`}>
            <h3 id={`enterprise-${number}`}>{enterpriseLabel({ name: roles[0]!.enterpriseName, number })}</h3>
            <ul>
              {roles.map((r, i) => (
                <li>
                  {r.application ? `${r.application.names[lang]} – ` : ''}
                  {r.role ? props.details ? <RoleLabel role={r.role} idPrefix={`invited-${number}-${i}`} /> : r.role.names[lang] : t('access.errors.role_unknown')}
                  {r.unit ? ` · ${r.unit.name}` : ''}
                  {props.details && r.role && <p class="field__hint">{r.role.shortDescriptions[lang]}</p>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <p>{t('access.invitations.public.validity', { from: formatDate(invitation.invitation.validFrom), until })}</p>
    </>
  );
}

export interface PublicPageProps {
  invitation: PublicInvitation;
  /** Where "S'identifier" leads; none when the person is identified at the high level. */
  loginHref?: string;
  contactEmail?: string;
  errors?: FormErrors;
  csrfAction: string;
}

/**
 * "Vous avez reçu une invitation": step 1, the overview (who invites, for
 * which enterprises and roles, until when); identified at the high level,
 * the personal message and step 2, the contact address and "Accepter".
 */
export function PublicPage(props: PublicPageProps) {
  const { t } = usePage();
  const { invitation } = props;
  const message = invitation.invitation.message;
  return (
    <Layout title={t('access.invitations.public.title')}>
      <h1>{t('access.invitations.public.title')}</h1>
      <Progress current={props.loginHref ? 1 : 2} />
      <h2>{t('wizard.step', { number: 1, title: t('access.invitations.public.step1') })}</h2>
      <p>{t('access.invitations.public.from', { inviter: invitation.inviter })}</p>
      <p>{t('access.invitations.public.approval')}</p>
      <h3>{t('access.invitations.public.roles')}</h3>
      <RolesList invitation={invitation} details={!props.loginHref} />
      <p>{t('access.invitations.public.expires', { date: formatDate(invitation.lastDay) })}</p>
      {props.loginHref ? (
        <>
          <p>{t('access.invitations.public.identify_text')}</p>
          <p>
            <ButtonLink href={props.loginHref} variant="primary">
              {t('access.invitations.public.identify')}
            </ButtonLink>
          </p>
        </>
      ) : (
        <>
          <h3>{t('access.invitations.public.message')}</h3>
          <p class="invitation-message">{message || t('access.invitations.public.no_message')}</p>
          <h2>{t('wizard.step', { number: 2, title: t('access.invitations.public.step2') })}</h2>
          <Form action={props.csrfAction} errors={props.errors} requiredNote>
            <p>{t('access.invitations.public.contact_intro')}</p>
            <EmailInput name="contactEmail" label={t('access.invitations.public.contact_email')} hint={t('access.invitations.public.contact_hint')} value={props.contactEmail ?? ''} required />
            <div class="wizard__actions">
              <ButtonLink href="/access">{t('common.cancel')}</ButtonLink>
              <Button>{t('access.invitations.public.accept')}</Button>
            </div>
          </Form>
        </>
      )}
    </Layout>
  );
}

export interface AcceptedRequest {
  role: string;
  enterprise: string;
  status: AssignmentStatus;
}

/** After accepting (or coming back to the link): what was asked, and that a manager decides. */
export function AcceptedPage(props: { justNow: boolean; requests: AcceptedRequest[]; notified: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t('access.invitations.public.accepted_title')}>
      <h1>{t('access.invitations.public.accepted_title')}</h1>
      {props.justNow ? (
        <Banner kind="success">
          <p>{t('access.invitations.public.accepted')}</p>
        </Banner>
      ) : (
        <Banner kind="info">
          <p>{t('access.invitations.public.already')}</p>
        </Banner>
      )}
      <p>{t('access.invitations.public.waiting')}</p>
      {props.notified && <p>{t('access.invitations.public.mails')}</p>}
      <SummaryList items={props.requests.map((r) => ({ label: `${r.role} · ${r.enterprise}`, value: t(`access.status.${r.status}`) }))} />
      <p>
        <a href="/access/mine">{t('access.nav.mine')}</a>
      </p>
    </Layout>
  );
}
