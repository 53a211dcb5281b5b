import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A Markdown file as authored: its YAML frontmatter (not yet validated) and its body. */
export interface MarkdownFile {
  data: Record<string, unknown>;
  body: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Splits Markdown text into its frontmatter data and body; text without frontmatter is all body. */
export function splitFrontmatter(text: string): MarkdownFile {
  const match = FRONTMATTER.exec(text);
  if (!match) return { data: {}, body: text };
  const data: unknown = parse(match[1] ?? '');
  return {
    data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {},
    body: match[2] ?? '',
  };
}

/** Reads a Markdown file and splits it into frontmatter data and body. */
export function readMarkdownFile(path: string): MarkdownFile {
  return splitFrontmatter(readFileSync(path, 'utf8'));
}
