/** A cell as written to or read from a dataset CSV: NULL is an empty field. */
export type CsvCell = string | number | null;

function formatCell(cell: CsvCell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : cell;
  if (typeof cell === 'string' && cell === '') {
    throw new Error('Empty strings cannot be told apart from NULL in dataset CSV files');
  }
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Formats a header and rows as CSV: comma separated, `\n` line ends, quotes only where needed. */
export function formatCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string {
  const lines = [header.map(formatCell).join(',')];
  for (const row of rows) lines.push(row.map(formatCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Parses one record that starts at `start` and may hold quoted fields; returns it and where the next starts. */
function parseQuotedRecord(
  text: string,
  start: number,
): { record: (string | null)[]; next: number } {
  const record: (string | null)[] = [];
  let field = '';
  let isQuoted = false;
  let i = start;
  const endField = () => {
    record.push(field === '' && !isQuoted ? null : field);
    field = '';
    isQuoted = false;
  };
  while (i < text.length) {
    const char = text[i];
    if (char === '"' && field === '' && !isQuoted) {
      isQuoted = true;
      let end = text.indexOf('"', i + 1);
      while (end >= 0 && text[end + 1] === '"') end = text.indexOf('"', end + 2);
      if (end < 0) end = text.length;
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else if (char === ',') {
      endField();
      i++;
    } else if (char === '\n' || char === '\r') {
      endField();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      return { record, next: i };
    } else {
      field += char;
      i++;
    }
  }
  endField();
  return { record, next: i };
}

/**
 * Parses CSV text into records of fields. A quoted empty field ("") stays an empty string; an
 * unquoted empty field becomes null. Lines without quotes take a fast path.
 */
export function parseCsv(text: string): (string | null)[][] {
  const records: (string | null)[][] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    if (line.includes('"')) {
      const { record, next } = parseQuotedRecord(text, start);
      records.push(record);
      start = next;
      continue;
    }
    records.push(line.split(',').map((field) => (field === '' ? null : field)));
    start = end + 1;
  }
  return records;
}
