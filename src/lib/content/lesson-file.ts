/**
 * Lesson files are `content/courses/<course>/NN-<lesson>.md`: the two digits order the lessons and
 * the rest of the name is the lesson's URL slug. This module is the only place that rule is written.
 */
const LESSON_FILE = /^\d\d-(.+)\.md$/;

/** The lesson files of every course, as a glob relative to content/courses. */
export const LESSON_FILES_GLOB = '*/[0-9][0-9]-*.md';

/** The URL slug of a lesson file name (`03-relays.md` -> `relays`), or null for any other file. */
export function lessonSlug(fileName: string): string | null {
  return LESSON_FILE.exec(fileName)?.[1] ?? null;
}

/** The collection id of a lesson file path relative to content/courses: `<course>/<lesson>`. */
export function lessonEntryId(entry: string): string {
  const [course = '', file = ''] = entry.split('/');
  return `${course}/${lessonSlug(file) ?? file.replace(/\.md$/, '')}`;
}
