import {
  listCourseFolders,
  readCourseFiles,
  type LessonFile,
} from '../../src/lib/content/content-files.ts';
import { readMarkdownFile } from '../../src/lib/content/markdown-file.ts';

/** A lesson file as authored, its frontmatter loosely typed so tests can read any field. */
export type AuthoredLesson = Omit<LessonFile, 'data'> & { data: Record<string, any> };

/** A Markdown file's frontmatter data (loosely typed) and body. */
export function readMarkdown(path: string): { data: Record<string, any>; body: string } {
  return readMarkdownFile(path);
}

/** Course folder names in content/courses. */
export function courseSlugs(): string[] {
  return listCourseFolders();
}

/** A course's index frontmatter and its lessons in order, as authored. */
export function readCourse(course: string): {
  slug: string;
  data: Record<string, any>;
  body: string;
  lessons: AuthoredLesson[];
} {
  return readCourseFiles(course);
}
