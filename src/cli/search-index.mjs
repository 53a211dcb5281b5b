// Builds the Pagefind full-text index of every course and lesson into the client build output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Splits a Markdown file into its YAML frontmatter and body. */
function readMarkdown(path) {
  const text = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return match
    ? { data: parse(match[1] ?? '') ?? {}, body: match[2] ?? '' }
    : { data: {}, body: text };
}

/** Markdown to plain text good enough for search. */
function plainText(markdown) {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Writes dist/client/pagefind from content/courses. */
export async function buildSearchIndex(root, outputPath) {
  const pagefind = await import('pagefind');
  const { index } = await pagefind.createIndex({});
  const coursesDir = join(root, 'content/courses');
  let records = 0;
  for (const course of readdirSync(coursesDir)) {
    const dir = join(coursesDir, course);
    let indexFile;
    try {
      indexFile = readMarkdown(join(dir, 'index.md'));
    } catch {
      continue;
    }
    const courseTitle = String(indexFile.data.title ?? course);
    await index.addCustomRecord({
      url: `/courses/${course}`,
      content: `${indexFile.data.summary ?? ''} ${plainText(indexFile.body)}`,
      language: 'en',
      meta: { title: courseTitle },
    });
    records += 1;
    for (const file of readdirSync(dir)
      .filter((name) => /^\d\d-.+\.md$/.test(name))
      .sort()) {
      const lesson = readMarkdown(join(dir, file));
      const slug = file.replace(/^\d\d-/, '').replace(/\.md$/, '');
      await index.addCustomRecord({
        url: `/courses/${course}/${slug}`,
        content: plainText(lesson.body),
        language: 'en',
        meta: { title: `${lesson.data.title ?? slug} · ${courseTitle}` },
      });
      records += 1;
    }
  }
  await index.writeFiles({ outputPath });
  await pagefind.close();
  return records;
}
