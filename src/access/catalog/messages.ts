import { defineMessages } from '../../platform/i18n/define';

export default defineMessages({
  en: {
    'catalog.matrix.caption': 'Which role to choose? {application}',
    'catalog.matrix.role': 'Role',
    'catalog.matrix.yes': 'yes',
    'catalog.matrix.no': 'no',
    'catalog.role.details_hint': 'Point at or focus a role to read what it allows.',
  },
  fr: {
    'catalog.matrix.caption': 'Quel rôle choisir ? {application}',
    'catalog.matrix.role': 'Rôle',
    'catalog.matrix.yes': 'oui',
    'catalog.matrix.no': 'non',
    'catalog.role.details_hint': 'Survolez un rôle ou placez-y le focus pour lire ce qu’il permet.',
  },
  nl: {
    'catalog.matrix.caption': 'Welke rol kiezen? {application}',
    'catalog.matrix.role': 'Rol',
    'catalog.matrix.yes': 'ja',
    'catalog.matrix.no': 'nee',
    'catalog.role.details_hint': 'Wijs een rol aan of geef ze de focus om te lezen wat ze toelaat.',
  },
  de: {
    'catalog.matrix.caption': 'Welche Rolle wählen? {application}',
    'catalog.matrix.role': 'Rolle',
    'catalog.matrix.yes': 'ja',
    'catalog.matrix.no': 'nein',
    'catalog.role.details_hint': 'Zeigen Sie auf eine Rolle oder fokussieren Sie sie, um zu lesen, was sie erlaubt.',
  },
});
