/** Where the codes of an SMS or e-mail key go: the number or address verified at activation. */
export interface SecurityCodeDestinationsTable {
  key_id: string;
  channel: 'sms' | 'email';
  /** E.164 phone number, or e-mail address (lower case). */
  destination: string;
}
