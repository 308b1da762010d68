import { defineMessages } from '../platform/i18n/define';

/** "Se connecter au nom d'une organisation": the choice of the enterprise a person acts for in an application. */
export default defineMessages({
  en: {
    'oidc.enterprise.title': 'Sign in on behalf of an organisation',
    'oidc.enterprise.lead': 'You hold roles for {application} in several enterprises. For which one do you act now? The application receives only the roles you hold in it.',
    'oidc.enterprise.legend': 'Enterprise',
    'oidc.enterprise.search': 'Search by name or enterprise number',
    'oidc.enterprise.search_button': 'Search',
    'oidc.enterprise.none_found': 'No enterprise matches your search.',
    'oidc.enterprise.continue': 'Continue',
    'oidc.enterprise.required': 'Choose the enterprise you act for',
  },
  fr: {
    'oidc.enterprise.title': 'Se connecter au nom d’une organisation',
    'oidc.enterprise.lead': 'Vous avez des rôles pour {application} dans plusieurs entreprises. Pour laquelle agissez-vous maintenant ? L’application ne reçoit que les rôles que vous y avez.',
    'oidc.enterprise.legend': 'Entreprise',
    'oidc.enterprise.search': 'Rechercher par nom ou numéro d’entreprise',
    'oidc.enterprise.search_button': 'Rechercher',
    'oidc.enterprise.none_found': 'Aucune entreprise ne correspond à votre recherche.',
    'oidc.enterprise.continue': 'Continuer',
    'oidc.enterprise.required': 'Choisissez l’entreprise pour laquelle vous agissez',
  },
  nl: {
    'oidc.enterprise.title': 'Aanmelden namens een organisatie',
    'oidc.enterprise.lead': 'U hebt rollen voor {application} in meerdere ondernemingen. Voor welke onderneming handelt u nu? De toepassing ontvangt alleen de rollen die u daar hebt.',
    'oidc.enterprise.legend': 'Onderneming',
    'oidc.enterprise.search': 'Zoeken op naam of ondernemingsnummer',
    'oidc.enterprise.search_button': 'Zoeken',
    'oidc.enterprise.none_found': 'Geen onderneming komt overeen met uw zoekopdracht.',
    'oidc.enterprise.continue': 'Doorgaan',
    'oidc.enterprise.required': 'Kies de onderneming waarvoor u handelt',
  },
  de: {
    'oidc.enterprise.title': 'Im Namen einer Organisation anmelden',
    'oidc.enterprise.lead': 'Sie haben Rollen für {application} in mehreren Unternehmen. Für welches handeln Sie jetzt? Die Anwendung erhält nur Ihre Rollen in diesem Unternehmen.',
    'oidc.enterprise.legend': 'Unternehmen',
    'oidc.enterprise.search': 'Nach Name oder Unternehmensnummer suchen',
    'oidc.enterprise.search_button': 'Suchen',
    'oidc.enterprise.none_found': 'Kein Unternehmen entspricht Ihrer Suche.',
    'oidc.enterprise.continue': 'Weiter',
    'oidc.enterprise.required': 'Wählen Sie das Unternehmen, für das Sie handeln',
  },
});
