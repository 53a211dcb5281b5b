import { existsSync, readdirSync } from 'node:fs';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { CourseSchema, LessonSchema, TrackSchema } from './lib/content/schemas.ts';
import { LESSON_FILES_GLOB, lessonEntryId } from './lib/content/lesson-file.ts';
import { loadSubstationFiles } from './lib/content/simulation-files.ts';
import { ScenarioSchema } from './sim/schema/scenario.ts';
import { SubstationSchema } from './sim/schema/substation.ts';
import { checkScenarioReferences } from './sim/validate.ts';

/** Names of the files or folders in a content folder, so references can be checked at build time. */
function namesIn(folder: string, extension = ''): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(extension) && !name.startsWith('.'))
    .map((name) => name.slice(0, name.length - extension.length));
}

const trackSlugs = namesIn('./content/tracks', '.md');
const courseSlugs = namesIn('./content/courses');
const scenarioIds = namesIn('./content/simulations/scenarios', '.yaml');
const datasetNames = namesIn('./content/datasets').filter((name) =>
  existsSync(`./content/datasets/${name}/schema.json`),
);

/** Fails with the field's path when a value is not one of the known names. */
function oneOf(kind: string, known: string[]) {
  return z.string().refine((value) => known.includes(value), {
    error: (issue) =>
      `unknown ${kind} "${String(issue.input)}"; known: ${known.join(', ') || 'none'}`,
  });
}

/** content/tracks/<track>.md */
const tracks = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/tracks' }),
  schema: TrackSchema,
});

/** content/courses/<course>/index.md; the id is the folder name. */
const courses = defineCollection({
  loader: glob({
    pattern: '*/index.md',
    base: './content/courses',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
  schema: CourseSchema.extend({
    track: oneOf('track', trackSlugs),
    prerequisites: z.array(oneOf('course', courseSlugs)).default([]),
    scenarios: z.array(oneOf('simulation scenario', scenarioIds)).default([]),
  }),
});

/** content/courses/<course>/NN-<lesson>.md; the id is `<course>/<lesson>` without the NN- prefix. */
const lessons = defineCollection({
  loader: glob({
    pattern: LESSON_FILES_GLOB,
    base: './content/courses',
    generateId: ({ entry }) => lessonEntryId(entry),
  }),
  schema: LessonSchema.superRefine((lesson, context) => {
    if (lesson.scenario && !scenarioIds.includes(lesson.scenario)) {
      context.addIssue({
        code: 'custom',
        path: ['scenario'],
        message: `unknown simulation scenario "${lesson.scenario}"; known: ${scenarioIds.join(', ')}`,
      });
    }
    lesson.lab?.datasets.forEach((name, index) => {
      if (!datasetNames.includes(name)) {
        context.addIssue({
          code: 'custom',
          path: ['lab', 'datasets', index],
          message: `unknown dataset "${name}"; known: ${datasetNames.join(', ')}`,
        });
      }
    });
  }),
});

/** content/simulations/substations/<id>.yaml: the substation models. */
const substations = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/simulations/substations' }),
  schema: SubstationSchema,
});

const substationModels = loadSubstationFiles('./content/simulations/substations');

/** content/simulations/scenarios/<id>.yaml; everything a scenario names must exist in its substation. */
const scenarios = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/simulations/scenarios' }),
  schema: ScenarioSchema.superRefine((scenario, context) => {
    const substation = substationModels.get(scenario.substation);
    if (substation === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['substation'],
        message: `unknown substation "${scenario.substation}"; known: ${[...substationModels.keys()].join(', ')}`,
      });
      return;
    }
    for (const problem of checkScenarioReferences(substation, scenario)) {
      context.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
    }
  }),
});

export const collections = { tracks, courses, lessons, substations, scenarios };
