// Builds the Pagefind full-text index of every course and lesson into the client build output.
import { listCourseFolders, readCourseFiles } from '../lib/content/content-files.ts';

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
  let records = 0;
  for (const course of listCourseFolders(root).map((slug) => readCourseFiles(slug, root))) {
    const courseTitle = String(course.data['title'] ?? course.slug);
    await index.addCustomRecord({
      url: `/courses/${course.slug}`,
      content: `${course.data['summary'] ?? ''} ${plainText(course.body)}`,
      language: 'en',
      meta: { title: courseTitle },
    });
    records += 1;
    for (const lesson of course.lessons) {
      await index.addCustomRecord({
        url: `/courses/${course.slug}/${lesson.slug}`,
        content: plainText(lesson.body),
        language: 'en',
        meta: { title: `${lesson.data['title'] ?? lesson.slug} · ${courseTitle}` },
      });
      records += 1;
    }
  }
  await index.writeFiles({ outputPath });
  await pagefind.close();
  return records;
}
