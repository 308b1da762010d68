import { defineMessages } from '../platform/i18n/define';

export default defineMessages({
  en: {
    'identity.unknown_person': 'Your identity could not be confirmed by the national register. Please contact the helpdesk.',
  },
  fr: {
    'identity.unknown_person': 'Votre identité n’a pas pu être confirmée par le Registre national. Veuillez contacter le helpdesk.',
  },
  nl: {
    'identity.unknown_person': 'Uw identiteit kon niet worden bevestigd door het Rijksregister. Neem contact op met de helpdesk.',
  },
  de: {
    'identity.unknown_person': 'Ihre Identität konnte vom Nationalregister nicht bestätigt werden. Bitte wenden Sie sich an den Helpdesk.',
  },
});
