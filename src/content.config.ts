import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { CourseSchema, LessonSchema, TrackSchema } from './lib/content/schemas.ts';

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
  schema: CourseSchema,
});

/** content/courses/<course>/NN-<lesson>.md; the id is `<course>/<lesson>` without the NN- prefix. */
const lessons = defineCollection({
  loader: glob({
    pattern: '*/[0-9][0-9]-*.md',
    base: './content/courses',
    generateId: ({ entry }) => entry.replace(/\.md$/, '').replace(/\/\d\d-/, '/'),
  }),
  schema: LessonSchema,
});

export const collections = { tracks, courses, lessons };
