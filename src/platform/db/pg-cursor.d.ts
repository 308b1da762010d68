// pg-cursor ships no types; Kysely's PostgresDialect only needs its constructor.
declare module 'pg-cursor' {
  import type { PostgresCursorConstructor } from 'kysely';
  const Cursor: PostgresCursorConstructor;
  export default Cursor;
}
