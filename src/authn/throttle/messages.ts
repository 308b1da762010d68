import { defineMessages } from '../../platform/i18n/define';

export default defineMessages({
  en: { 'throttle.blocked': 'Too many failed attempts. For your security, wait {seconds} seconds before trying again.' },
  fr: { 'throttle.blocked': 'Trop de tentatives échouées. Pour votre sécurité, attendez {seconds} secondes avant de réessayer.' },
  nl: { 'throttle.blocked': 'Te veel mislukte pogingen. Wacht voor uw veiligheid {seconds} seconden voor u het opnieuw probeert.' },
  de: { 'throttle.blocked': 'Zu viele Fehlversuche. Warten Sie zu Ihrer Sicherheit {seconds} Sekunden, bevor Sie es erneut versuchen.' },
});
