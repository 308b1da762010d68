import { Readable } from 'node:stream';

/*
 * The one CSV writer of Sésame: what the exports send (the persons of an
 * enterprise, its role assignments). Semicolon-separated, every cell quoted,
 * CRLF line ends, and a UTF-8 byte-order mark first, which is what a
 * spreadsheet in a Belgian locale opens correctly with accents.
 */

/** Excel reads UTF-8 only with it. */
export const CSV_BOM = '\uFEFF';

/**
 * A cell of a CSV file, quoted, safe to open in a spreadsheet: a value that
 * starts with =, +, -, @ (or a tab / carriage return) would be read as a
 * formula, so it gets a leading apostrophe.
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  const first = text.charCodeAt(0);
  // = + - @ tab CR
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) text = `'${text}`;
  if (text.includes('"')) text = text.replace(/"/g, '""');
  return `"${text}"`;
}

export function csvLine(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(';')}\r\n`;
}

/**
 * A CSV file as a byte stream: the BOM, the header, then one line per row,
 * pulled from `rows` only as fast as the reader takes them (backpressure: a
 * slow download slows the database cursor instead of filling memory). Lines
 * are sent in pieces of about 64 KiB, so that a million rows are not a
 * million writes.
 */
export function csvStream<T>(header: readonly string[], rows: AsyncIterable<T>, toCells: (row: T) => readonly (string | null | undefined)[]): Readable {
  async function* lines() {
    let text = CSV_BOM + csvLine(header);
    for await (const row of rows) {
      text += csvLine(toCells(row));
      if (text.length >= 65_536) {
        yield text;
        text = '';
      }
    }
    if (text) yield text;
  }
  return Readable.from(lines(), { objectMode: false, highWaterMark: 65_536 });
}
