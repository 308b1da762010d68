import type { ColumnType } from 'kysely';

/** One security-relevant event; append-only (a trigger refuses update and delete). */
export interface AuditEventsTable {
  /** Contiguous sequence number, assigned under a lock: a gap is a removed event. */
  seq: number;
  at: ColumnType<Date, Date | string, never>;
  /** Who: `person:<nrn>`, `client:<id>`, `system` or `automatic`. */
  actor: string;
  /** What, as a stable dotted code, e.g. `mandate.designated`. */
  action: string;
  /** On what, e.g. `enterprise:0845059050`. */
  target: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  request_id: string | null;
  /** Hash of the previous event (64 zeros for the first). */
  prev_hash: string;
  /** sha256 over prev_hash and this event's canonical JSON. */
  hash: string;
}
