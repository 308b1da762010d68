import { defineMessages } from '../platform/i18n/define';

/** Names of the legal functions of legal_functions.csv (see legal-functions.ts). */
export default defineMessages({
  en: {
    'registries.function.director': 'Director',
    'registries.function.manager': 'Manager',
    'registries.function.managing_director': 'Managing director',
    'registries.function.chair': 'Chair',
    'registries.function.permanent_representative': 'Permanent representative',
    'registries.function.liquidator': 'Liquidator',
    'registries.function.auditor': 'Statutory auditor',
  },
  fr: {
    'registries.function.director': 'Administrateur',
    'registries.function.manager': 'Gérant',
    'registries.function.managing_director': 'Administrateur délégué',
    'registries.function.chair': 'Président',
    'registries.function.permanent_representative': 'Représentant permanent',
    'registries.function.liquidator': 'Liquidateur',
    'registries.function.auditor': 'Commissaire',
  },
  nl: {
    'registries.function.director': 'Bestuurder',
    'registries.function.manager': 'Zaakvoerder',
    'registries.function.managing_director': 'Gedelegeerd bestuurder',
    'registries.function.chair': 'Voorzitter',
    'registries.function.permanent_representative': 'Vaste vertegenwoordiger',
    'registries.function.liquidator': 'Vereffenaar',
    'registries.function.auditor': 'Commissaris',
  },
  de: {
    'registries.function.director': 'Verwaltungsratsmitglied',
    'registries.function.manager': 'Geschäftsführer',
    'registries.function.managing_director': 'Geschäftsführendes Verwaltungsratsmitglied',
    'registries.function.chair': 'Vorsitzender',
    'registries.function.permanent_representative': 'Ständiger Vertreter',
    'registries.function.liquidator': 'Liquidator',
    'registries.function.auditor': 'Kommissar',
  },
});
