/** CSV per RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted. */

/** A CSV value: text, a number, or empty. */
export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted (with quotes doubled) when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  let line = '';
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) line += ',';
    line += csvField(values[index]);
  }
  return `${line}\r\n`;
}

/**
 * Free text that people typed (names, titles, notes): a leading =, +, -, @ or tab gets a leading
 * apostrophe so that a spreadsheet shows it instead of running it as a formula (OWASP's advice).
 */
export function csvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Records to emit per chunk of the stream. */
const RECORDS_PER_CHUNK = 250;

/**
 * Streams a header and records as UTF-8 (no byte-order mark), a chunk at a time as the client reads,
 * so a large export starts at once and never sits whole in memory as text. A record is a list of
 * values, or a line already encoded with csvRecord (for callers that build lines faster).
 */
export function csvStream(
  header: readonly string[],
  records: Iterable<readonly CsvValue[] | string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = records[Symbol.iterator]();
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = '';
      if (!isHeaderSent) {
        text += csvRecord(header);
        isHeaderSent = true;
      }
      for (let count = 0; count < RECORDS_PER_CHUNK; count += 1) {
        const next = iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += typeof next.value === 'string' ? next.value : csvRecord(next.value);
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** An attachment response for a CSV stream. */
export function csvResponse(fileName: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
