/**
 * Renders the small Markdown subset scenario briefings use (headings, paragraphs, lists, tables,
 * bold, italics and code) to HTML. Everything is escaped first, so briefing text cannot inject markup.
 */
export function renderBriefing(markdown: string, headingOffset = 1): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const html: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      index += 1;
    } else if (/^#{1,6}\s/.test(line)) {
      const level = Math.min(6, (line.match(/^#+/)?.[0].length ?? 1) + headingOffset);
      html.push(`<h${level}>${inline(line.replace(/^#+\s*/, ''))}</h${level}>`);
      index += 1;
    } else if (line.trimStart().startsWith('|')) {
      const rows: string[] = [];
      while (index < lines.length && (lines[index] ?? '').trimStart().startsWith('|'))
        rows.push(lines[index++] ?? '');
      html.push(table(rows));
    } else if (/^\s*(\d+\.|[-*])\s/.test(line)) {
      const isOrdered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (index < lines.length && /^\s*(\d+\.|[-*])\s/.test(lines[index] ?? '')) {
        let item = (lines[index++] ?? '').replace(/^\s*(\d+\.|[-*])\s+/, '');
        while (index < lines.length && /^\s{2,}\S/.test(lines[index] ?? ''))
          item += ` ${(lines[index++] ?? '').trim()}`;
        items.push(`<li>${inline(item)}</li>`);
      }
      html.push(isOrdered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
    } else {
      const paragraph: string[] = [];
      while (
        index < lines.length &&
        (lines[index] ?? '').trim() !== '' &&
        !/^(#{1,6}\s|\s*\||\s*(\d+\.|[-*])\s)/.test(lines[index] ?? '')
      ) {
        paragraph.push((lines[index++] ?? '').trim());
      }
      html.push(`<p>${inline(paragraph.join(' '))}</p>`);
    }
  }
  return html.join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*]+)\*/g, '$1<em>$2</em>');
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

function table(rows: string[]): string {
  const [head, separator, ...body] = rows;
  if (head === undefined || separator === undefined || !/^[\s|:-]+$/.test(separator)) {
    return `<p>${inline(rows.join(' '))}</p>`;
  }
  const headCells = cells(head)
    .map((cell) => `<th scope="col">${inline(cell)}</th>`)
    .join('');
  const bodyRows = body
    .map(
      (row) =>
        `<tr>${cells(row)
          .map((cell) => `<td>${inline(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${headCells}</tr></thead><tbody>${bodyRows}</tbody></table>`;
}
