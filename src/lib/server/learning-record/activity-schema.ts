import { z } from 'zod';
import { ExtensionsSchema, IriSchema, IrlSchema, LanguageMapSchema } from './formats.ts';

/** The action: an IRI, with display text per language. */
export const VerbSchema = z.strictObject({
  /** The verb's IRI, e.g. http://adlnet.gov/expapi/verbs/completed. */
  id: IriSchema,
  /** Human-readable name per language; not part of the statement's identity. */
  display: LanguageMapSchema.optional(),
});

/** One choice, scale point, source, target or step of an interaction. */
const InteractionComponentSchema = z.strictObject({
  /** Identifies the component within its list. */
  id: z.string().min(1, 'must not be empty'),
  /** Text of the component per language. */
  description: LanguageMapSchema.optional(),
});

const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;

/** Which component lists each interaction type may carry. */
const COMPONENTS_BY_TYPE: Record<string, readonly string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
};
const COMPONENT_KEYS = ['choices', 'scale', 'source', 'target', 'steps'] as const;

/** Metadata describing an activity; not part of the statement's identity. */
export const ActivityDefinitionSchema = z
  .strictObject({
    /** Name per language. */
    name: LanguageMapSchema.optional(),
    /** Description per language. */
    description: LanguageMapSchema.optional(),
    /** Activity type IRI, e.g. http://adlnet.gov/expapi/activities/lesson. */
    type: IriSchema.optional(),
    /** Where a person can read more about the activity. */
    moreInfo: IrlSchema.optional(),
    /** For questions: the kind of interaction. */
    interactionType: z
      .enum(INTERACTION_TYPES, { message: `must be one of ${INTERACTION_TYPES.join(', ')}` })
      .optional(),
    /** For questions: patterns of correct responses. */
    correctResponsesPattern: z.array(z.string({ message: 'must be a string' })).optional(),
    choices: z.array(InteractionComponentSchema).optional(),
    scale: z.array(InteractionComponentSchema).optional(),
    source: z.array(InteractionComponentSchema).optional(),
    target: z.array(InteractionComponentSchema).optional(),
    steps: z.array(InteractionComponentSchema).optional(),
    /** Definition extensions. */
    extensions: ExtensionsSchema.optional(),
  })
  .superRefine((definition, ctx) => {
    const type = definition.interactionType;
    if (!type && definition.correctResponsesPattern) {
      ctx.addIssue({
        code: 'custom',
        path: ['correctResponsesPattern'],
        message: 'needs an interactionType',
      });
    }
    for (const key of COMPONENT_KEYS) {
      const list = definition[key];
      if (!list) continue;
      if (!type || !(COMPONENTS_BY_TYPE[type] ?? []).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `is not allowed for interactionType ${type ?? '(none)'}`,
        });
      }
      const ids = list.map((component) => component.id);
      if (new Set(ids).size !== ids.length) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'component ids must be unique' });
      }
    }
  });

/** A thing a learner interacts with: a course, lesson, lab, question, simulation. */
export const ActivitySchema = z.strictObject({
  /** `Activity` (the default). */
  objectType: z.literal('Activity', { message: 'must be "Activity"' }).optional(),
  /** The activity's IRI. */
  id: IriSchema,
  /** Optional metadata. */
  definition: ActivityDefinitionSchema.optional(),
});

export type Verb = z.output<typeof VerbSchema>;
export type Activity = z.output<typeof ActivitySchema>;
export type ActivityDefinition = z.output<typeof ActivityDefinitionSchema>;
