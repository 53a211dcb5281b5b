import {
  listCourseFolders,
  readCourseFiles,
  type LessonFile,
} from '../../src/lib/content/content-files.ts';
import { readMarkdownFile } from '../../src/lib/content/markdown-file.ts';
import {
  findScenario,
  type ScenarioOnSubstation,
  type SimCatalog,
} from '../../src/lib/content/simulation-catalog.ts';
import { loadSimCatalog } from '../../src/lib/content/simulation-files.ts';

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

let simulations: SimCatalog | undefined;

/** The substations and scenarios under content/simulations, read through the content loader. */
export function simulationCatalog(): SimCatalog {
  if (simulations !== undefined) return simulations;
  const loaded = loadSimCatalog();
  if (!loaded.ok) throw new Error(`simulation content is invalid:\n${loaded.errors.join('\n')}`);
  simulations = loaded.catalog;
  return simulations;
}

/** A scenario of the real content with the substation it runs on; throws for an unknown id. */
export function contentScenario(id: string): ScenarioOnSubstation {
  const found = findScenario(simulationCatalog(), id);
  if (found === null) throw new Error(`content/simulations has no scenario ${id}`);
  return found;
}
