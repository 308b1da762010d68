import { defineEmailTemplate, defineSmsTemplate } from '../../platform/outbox';

interface CodeParams {
  code: string;
  minutes: number;
}

/** The security code by SMS: short, the code first (phones show it in the notification). */
export const securityCodeSms = defineSmsTemplate<CodeParams>('authn.security_code_sms', {
  en: (p) => `${p.code} is your Sésame security code. Valid ${p.minutes} minutes. Never give it to anyone, not even to us.`,
  fr: (p) => `${p.code} est votre code de sécurité Sésame. Valable ${p.minutes} minutes. Ne le communiquez à personne, pas même à nous.`,
  nl: (p) => `${p.code} is uw Sésame-beveiligingscode. ${p.minutes} minuten geldig. Geef hem aan niemand, ook niet aan ons.`,
  de: (p) => `${p.code} ist Ihr Sésame-Sicherheitscode. ${p.minutes} Minuten gültig. Geben Sie ihn niemandem weiter, auch nicht uns.`,
});

export const securityCodeEmail = defineEmailTemplate<CodeParams>('authn.security_code_email', {
  en: (p) => ({
    subject: `Your Sésame security code: ${p.code}`,
    text: `Your security code is ${p.code}.\nIt is valid for ${p.minutes} minutes and can be used once.\nNever give it to anyone, not even to someone who says they work for us. If you did not ask for it, you can ignore this message.`,
    html: (
      <div>
        <p>Your security code is <strong>{p.code}</strong>.</p>
        <p>It is valid for {p.minutes} minutes and can be used once.</p>
        <p>Never give it to anyone, not even to someone who says they work for us. If you did not ask for it, you can ignore this message.</p>
      </div>
    ),
  }),
  fr: (p) => ({
    subject: `Votre code de sécurité Sésame : ${p.code}`,
    text: `Votre code de sécurité est ${p.code}.\nIl est valable ${p.minutes} minutes et ne peut servir qu’une fois.\nNe le communiquez à personne, même à quelqu’un qui dit travailler pour nous. Si vous ne l’avez pas demandé, ignorez ce message.`,
    html: (
      <div>
        <p>Votre code de sécurité est <strong>{p.code}</strong>.</p>
        <p>Il est valable {p.minutes} minutes et ne peut servir qu’une fois.</p>
        <p>Ne le communiquez à personne, même à quelqu’un qui dit travailler pour nous. Si vous ne l’avez pas demandé, ignorez ce message.</p>
      </div>
    ),
  }),
  nl: (p) => ({
    subject: `Uw Sésame-beveiligingscode: ${p.code}`,
    text: `Uw beveiligingscode is ${p.code}.\nHij is ${p.minutes} minuten geldig en kan één keer gebruikt worden.\nGeef hem aan niemand, ook niet aan iemand die zegt voor ons te werken. Hebt u hem niet gevraagd? Dan mag u dit bericht negeren.`,
    html: (
      <div>
        <p>Uw beveiligingscode is <strong>{p.code}</strong>.</p>
        <p>Hij is {p.minutes} minuten geldig en kan één keer gebruikt worden.</p>
        <p>Geef hem aan niemand, ook niet aan iemand die zegt voor ons te werken. Hebt u hem niet gevraagd? Dan mag u dit bericht negeren.</p>
      </div>
    ),
  }),
  de: (p) => ({
    subject: `Ihr Sésame-Sicherheitscode: ${p.code}`,
    text: `Ihr Sicherheitscode lautet ${p.code}.\nEr ist ${p.minutes} Minuten gültig und kann einmal verwendet werden.\nGeben Sie ihn niemandem weiter, auch nicht jemandem, der angibt, für uns zu arbeiten. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.`,
    html: (
      <div>
        <p>Ihr Sicherheitscode lautet <strong>{p.code}</strong>.</p>
        <p>Er ist {p.minutes} Minuten gültig und kann einmal verwendet werden.</p>
        <p>Geben Sie ihn niemandem weiter, auch nicht jemandem, der angibt, für uns zu arbeiten. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.</p>
      </div>
    ),
  }),
});
