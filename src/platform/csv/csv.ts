import { Readable } from 'node:stream';

/*
 * The one CSV writer of Sésame: what the exports send (the persons of an
 * enterprise, its role assignments). Semicolon-separated, every cell quoted,
 * CRLF line ends, and a UTF-8 byte-order mark first, which is what a
 * spreadsheet in a Belgian locale opens correctly with accents.
 */

/** Excel reads UTF-8 only with it. */
export const CSV_BOM = '\uFEFF';

/** Lines are sent in pieces of about this many characters. */
const PIECE = 65_536;

/**
 * A cell of a CSV file, quoted, safe to open in a spreadsheet: a value that
 * starts with =, +, -, @ (or a tab / carriage return) would be read as a
 * formula, so it gets a leading apostrophe.
 */
export function csvCell(value: string | null | undefined): string {
  if (!value) return '""';
  const first = value.charCodeAt(0);
  // = + - @ tab CR
  const text = first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 ? `'${value}` : value;
  // Most cells hold no quote: no regular expression for them (an export calls this ten million times).
  return text.indexOf('"') === -1 ? `"${text}"` : `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly (string | null | undefined)[]): string {
  let line = csvCell(values[0]);
  for (let i = 1; i < values.length; i++) line += `;${csvCell(values[i])}`;
  return `${line}\r\n`;
}

/**
 * A CSV file as a byte stream: the BOM, the header, then one line per row,
 * pulled from `chunks` (rows a database cursor fetched together) only as
 * fast as the reader takes them (backpressure: a slow download slows the
 * database cursor instead of filling memory). The next chunk is asked for
 * before the current one is written out, so the database reads it while
 * this process formats (at most two chunks are held). Lines are sent in
 * pieces of about 64 KiB, so that a million rows are not a million writes.
 */
export function csvStream<T>(header: readonly string[], chunks: AsyncIterable<readonly T[]>, toCells: (row: T) => readonly (string | null | undefined)[]): Readable {
  async function* lines() {
    const source = chunks[Symbol.asyncIterator]();
    let next: Promise<IteratorResult<readonly T[]>> | undefined;
    try {
      let text = CSV_BOM + csvLine(header);
      next = source.next();
      for (;;) {
        const { value: rows, done } = await next;
        if (done) break;
        next = source.next();
        for (const row of rows) {
          text += csvLine(toCells(row));
          if (text.length >= PIECE) {
            yield text;
            text = '';
          }
        }
      }
      next = undefined;
      if (text) yield text;
    } finally {
      // A download closed early: let the fetch in flight end, then close the cursor.
      if (next) {
        await next.catch(() => undefined);
        await source.return?.();
      }
    }
  }
  return Readable.from(lines(), { objectMode: false, highWaterMark: PIECE });
}
