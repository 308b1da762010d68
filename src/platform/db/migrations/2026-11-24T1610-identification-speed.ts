import { sql, type Kysely } from 'kysely';

// Frozen once landed: the audit log's append as one statement, so that an
// identification makes fewer round trips to the database.

export async function up(db: Kysely<any>): Promise<void> {
  // Appends events to the hash chain: takes the chain's lock (held until the
  // transaction ends), reads the last event, then inserts each event with
  // the next sequence number and its hash. The caller computes the canonical
  // JSON of each event in two parts, before and after its sequence number
  // ("head" and "tail"): the hash is sha256(prev_hash || '\n' || head || seq
  // || tail), exactly what `sesame audit verify` recomputes.
  await sql`
    create function audit_append(events jsonb) returns void language plpgsql as $$
    declare
      last_seq bigint;
      last_hash text;
      e jsonb;
    begin
      perform pg_advisory_xact_lock(6183486);
      select seq, hash into last_seq, last_hash from audit_events order by seq desc limit 1;
      last_seq := coalesce(last_seq, 0);
      last_hash := coalesce(last_hash, repeat('0', 64));
      for e in select value from jsonb_array_elements(events) loop
        last_seq := last_seq + 1;
        insert into audit_events (seq, at, actor, action, target, details, request_id, prev_hash, hash)
        values (
          last_seq, (e->>'at')::timestamptz, e->>'actor', e->>'action', e->>'target', e->'details', e->>'request_id', last_hash,
          encode(sha256(convert_to(last_hash || E'\\n' || (e->>'head') || last_seq::text || (e->>'tail'), 'UTF8')), 'hex')
        )
        returning hash into last_hash;
      end loop;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function audit_append(jsonb)`.execute(db);
}
