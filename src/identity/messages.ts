import { defineMessages } from '../platform/i18n/define';

export default defineMessages({
  en: {
    'identity.unknown_person': 'Your identity could not be confirmed by the national register. Please contact the helpdesk.',
    'profile.notice.subject': 'Your e-mail address was changed',
    'profile.notice.greeting': 'Hello {name},',
    'profile.notice.email_changed': 'The e-mail address of your profile was changed to {email} on {when}.',
    'profile.notice.not_you': 'If you did not make this change, correct your profile at once and contact the helpdesk:',
  },
  fr: {
    'identity.unknown_person': 'Votre identité n’a pas pu être confirmée par le Registre national. Veuillez contacter le helpdesk.',
    'profile.notice.subject': 'Votre adresse e-mail a été modifiée',
    'profile.notice.greeting': 'Bonjour {name},',
    'profile.notice.email_changed': 'L’adresse e-mail de votre profil a été remplacée par {email} le {when}.',
    'profile.notice.not_you': 'Si vous n’êtes pas à l’origine de cette modification, corrigez immédiatement votre profil et contactez le helpdesk :',
  },
  nl: {
    'identity.unknown_person': 'Uw identiteit kon niet worden bevestigd door het Rijksregister. Neem contact op met de helpdesk.',
    'profile.notice.subject': 'Uw e-mailadres werd gewijzigd',
    'profile.notice.greeting': 'Beste {name},',
    'profile.notice.email_changed': 'Het e-mailadres van uw profiel werd op {when} gewijzigd in {email}.',
    'profile.notice.not_you': 'Hebt u deze wijziging niet zelf gedaan? Verbeter uw profiel meteen en neem contact op met de helpdesk:',
  },
  de: {
    'identity.unknown_person': 'Ihre Identität konnte vom Nationalregister nicht bestätigt werden. Bitte wenden Sie sich an den Helpdesk.',
    'profile.notice.subject': 'Ihre E-Mail-Adresse wurde geändert',
    'profile.notice.greeting': 'Guten Tag {name},',
    'profile.notice.email_changed': 'Die E-Mail-Adresse Ihres Profils wurde am {when} in {email} geändert.',
    'profile.notice.not_you': 'Wenn Sie diese Änderung nicht vorgenommen haben, berichtigen Sie Ihr Profil sofort und wenden Sie sich an den Helpdesk:',
  },
});
