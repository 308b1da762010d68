/** A calendar date as people read it in Belgium, dd/mm/yyyy, from ISO `yyyy-mm-dd`; other text is shown as is. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
