import { z } from 'zod';
import { ReferenceSchema } from './reference.ts';
import { KnowledgeCheckSchema } from './knowledge-check.ts';
import { LabSchema } from './lab.ts';

const slug = z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens');

/** Who a track or course is written for. */
export const AudienceSchema = z.enum(['it', 'ot', 'all']);

/** content/tracks/<track>.md */
export const TrackSchema = z.object({
  /** Shown in the catalogue. */
  title: z.string().min(3),
  /** One or two sentences. */
  summary: z.string().min(10),
  audience: AudienceSchema,
  /** Position in the catalogue, lowest first. */
  order: z.number().int().min(0),
});

/** content/courses/<course>/index.md */
export const CourseSchema = z.object({
  title: z.string().min(3),
  summary: z.string().min(10),
  /** Slug of a track in content/tracks/. */
  track: slug,
  audience: AudienceSchema,
  level: z.enum(['introductory', 'intermediate', 'advanced']),
  /** Total time a learner should plan for. */
  estimatedMinutes: z.number().int().positive(),
  /** What the learner can do after the course. */
  objectives: z.array(z.string().min(5)).min(1),
  /** Course slugs to complete first (advisory). */
  prerequisites: z.array(slug).default([]),
  /** Skills the course builds, for reports of cross-skill coverage. */
  skills: z.array(z.string().min(2)).default([]),
  /** Percentage needed on every knowledge check. */
  passingScore: z.number().int().min(1).max(100).default(80),
  /** For compliance courses: a completion is valid this many months. */
  recurrenceMonths: z.number().int().min(1).max(120).optional(),
  /** Simulation scenarios the learner must pass to complete the course. */
  scenarios: z.array(slug).default([]),
  /** Edition of the course, printed on its certificates (raise it when what it certifies changes). */
  version: z.string().trim().min(1).max(40).default('1'),
  /** The primary sources the course draws on. */
  sources: z.array(ReferenceSchema).min(1),
});

/** content/courses/<course>/NN-<lesson>.md */
export const LessonSchema = z
  .object({
    title: z.string().min(3),
    estimatedMinutes: z.number().int().positive(),
    objectives: z.array(z.string().min(5)).min(1),
    references: z.array(ReferenceSchema).min(1),
    kind: z.enum(['reading', 'lab', 'simulation']).default('reading'),
    /** For simulation lessons: the scenario to run. */
    scenario: slug.optional(),
    /** For lab lessons: the lab. */
    lab: LabSchema.optional(),
    check: KnowledgeCheckSchema.optional(),
  })
  .superRefine((lesson, context) => {
    if (lesson.kind === 'lab' && !lesson.lab) {
      context.addIssue({ code: 'custom', path: ['lab'], message: 'a lab lesson needs a lab' });
    }
    if (lesson.kind === 'simulation' && !lesson.scenario) {
      context.addIssue({
        code: 'custom',
        path: ['scenario'],
        message: 'a simulation lesson needs a scenario',
      });
    }
  });

export type Track = z.output<typeof TrackSchema>;
export type Course = z.output<typeof CourseSchema>;
export type Lesson = z.output<typeof LessonSchema>;
