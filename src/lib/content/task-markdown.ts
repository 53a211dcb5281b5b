/**
 * Renders the small Markdown subset lab tasks use (paragraphs, bullet and numbered lists, pipe
 * tables, `code`, **bold**, *emphasis*) to HTML. Everything is escaped first, so authored text can
 * never inject markup.
 */
export function renderTaskMarkdown(markdown: string): string {
  const blocks = markdown.replace(/\r\n/g, '\n').trim().split(/\n\s*\n/);
  return blocks.map(renderBlock).join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
}

function renderBlock(block: string): string {
  const lines = block.split('\n');
  if (lines.length >= 2 && lines.every((line) => line.trim().startsWith('|')) && /^[\s|:-]+$/.test(lines[1] ?? '')) {
    const head = cells(lines[0] ?? '').map((cell) => `<th scope="col">${inline(cell)}</th>`).join('');
    const body = lines
      .slice(2)
      .map((line) => `<tr>${cells(line).map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`)
      .join('');
    return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  }
  if (lines.every((line) => /^\s*[-*]\s+/.test(line))) {
    return `<ul>${lines.map((line) => `<li>${inline(line.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`;
  }
  if (lines.every((line) => /^\s*\d+\.\s+/.test(line))) {
    return `<ol>${lines.map((line) => `<li>${inline(line.replace(/^\s*\d+\.\s+/, ''))}</li>`).join('')}</ol>`;
  }
  return `<p>${lines.map(inline).join(' ')}</p>`;
}
