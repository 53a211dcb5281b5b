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

/**
 * Parses CSV text into rows of fields. A quoted empty field ("") stays an empty string; an
 * unquoted empty field becomes null.
 */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let field = '';
  let isQuoted = false;
  let i = 0;
  const endField = () => {
    row.push(field === '' && !isQuoted ? null : field);
    field = '';
    isQuoted = false;
  };
  while (i < text.length) {
    const char = text[i];
    if (char === '"' && field === '' && !isQuoted) {
      isQuoted = true;
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      continue;
    }
    if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += char;
    }
    i++;
  }
  if (field !== '' || isQuoted || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
