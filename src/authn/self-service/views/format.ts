const brussels = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric' });

/** A moment as the day it is in Belgium, dd/mm/yyyy. */
export function formatDay(at: Date): string {
  return brussels.format(at);
}
