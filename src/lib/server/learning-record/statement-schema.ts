import { z } from 'zod';
import { DurationSchema } from './duration.ts';
import {
  ExtensionsSchema,
  IriSchema,
  IrlSchema,
  LanguageMapSchema,
  LanguageTagSchema,
  StatementVersionSchema,
  TimestampSchema,
  UuidSchema,
  isPlainObject,
} from './formats.ts';
import {
  ActorSchema,
  AgentSchema,
  AuthoritySchema,
  GroupSchema,
  dispatchSchema,
  type Agent,
  type Group,
} from './agent-schema.ts';
import { ActivitySchema, VerbSchema, type Activity } from './activity-schema.ts';

/** The reserved verb that voids another statement. */
export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/** A reference to another statement by id. */
export const StatementRefSchema = z.strictObject({
  objectType: z.literal('StatementRef', { message: 'must be "StatementRef"' }),
  /** The referenced statement's id. */
  id: UuidSchema,
});

/** A score: scaled in [-1, 1], raw between min and max. */
const ScoreSchema = z
  .strictObject({
    scaled: z.number().min(-1, 'must be at least -1').max(1, 'must be at most 1').optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((score, ctx) => {
    const { raw, min, max } = score;
    if (min !== undefined && max !== undefined && min >= max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'must be less than max' });
    }
    if (raw !== undefined && min !== undefined && raw < min) {
      ctx.addIssue({ code: 'custom', path: ['raw'], message: 'must not be below min' });
    }
    if (raw !== undefined && max !== undefined && raw > max) {
      ctx.addIssue({ code: 'custom', path: ['raw'], message: 'must not be above max' });
    }
  });

/** A measured outcome. */
const ResultSchema = z.strictObject({
  score: ScoreSchema.optional(),
  success: z.boolean({ message: 'must be true or false' }).optional(),
  completion: z.boolean({ message: 'must be true or false' }).optional(),
  response: z.string({ message: 'must be a string' }).optional(),
  duration: DurationSchema.optional(),
  extensions: ExtensionsSchema.optional(),
});

/** One activity or a list of them; stored as a list, which the spec treats as the same thing. */
const ActivityListSchema = z
  .union([ActivitySchema, z.array(ActivitySchema)], {
    message: 'must be an Activity or an array of Activities',
  })
  .transform((value) => (Array.isArray(value) ? value : [value]));

/** Context activities: the parent, grouping, category and other activities of a statement. */
const ContextActivitiesSchema = z.strictObject({
  parent: ActivityListSchema.optional(),
  grouping: ActivityListSchema.optional(),
  category: ActivityListSchema.optional(),
  other: ActivityListSchema.optional(),
});

/** Context: registration, instructor, team, related activities, and (xAPI 2.0) context agents. */
const ContextSchema = z.strictObject({
  registration: UuidSchema.optional(),
  instructor: ActorSchema.optional(),
  team: GroupSchema.optional(),
  contextActivities: ContextActivitiesSchema.optional(),
  revision: z.string({ message: 'must be a string' }).optional(),
  platform: z.string({ message: 'must be a string' }).optional(),
  language: LanguageTagSchema.optional(),
  statement: StatementRefSchema.optional(),
  extensions: ExtensionsSchema.optional(),
  contextAgents: z
    .array(
      z.strictObject({
        objectType: z.literal('contextAgent', { message: 'must be "contextAgent"' }),
        agent: AgentSchema,
        relevantTypes: z.array(IriSchema).min(1, 'must not be empty').optional(),
      }),
    )
    .optional(),
  contextGroups: z
    .array(
      z.strictObject({
        objectType: z.literal('contextGroup', { message: 'must be "contextGroup"' }),
        group: GroupSchema,
        relevantTypes: z.array(IriSchema).min(1, 'must not be empty').optional(),
      }),
    )
    .optional(),
});

/** Metadata of a file attached to a statement. */
const AttachmentSchema = z.strictObject({
  usageType: IriSchema,
  display: LanguageMapSchema,
  description: LanguageMapSchema.optional(),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'must be a MIME type'),
  length: z.number().int('must be a whole number').min(0, 'must not be negative'),
  sha2: z.string().regex(/^[0-9a-f]{56,128}$/i, 'must be a hexadecimal SHA-2 hash'),
  fileUrl: IrlSchema.optional(),
});

type SimpleObject = Activity | Agent | Group | z.output<typeof StatementRefSchema>;

/** Picks the schema of a simple object (Activity when objectType is absent), or explains. */
function pickSimpleObject(value: unknown): z.ZodType<SimpleObject> | string {
  if (!isPlainObject(value))
    return 'must be an Activity, Agent, Group, StatementRef or SubStatement';
  const type = value['objectType'] ?? 'Activity';
  if (type === 'Activity') return ActivitySchema;
  if (type === 'Agent') return AgentSchema;
  if (type === 'Group') return GroupSchema;
  if (type === 'StatementRef') return StatementRefSchema;
  if (type === 'SubStatement') return 'a SubStatement may not contain a SubStatement';
  return 'objectType must be Activity, Agent, Group, StatementRef or SubStatement';
}

/** The parts a statement and a sub-statement share. */
const coreShape = {
  actor: ActorSchema,
  verb: VerbSchema,
  result: ResultSchema.optional(),
  context: ContextSchema.optional(),
  timestamp: TimestampSchema.optional(),
  attachments: z.array(AttachmentSchema).optional(),
};

/**
 * "The revision property MUST only be used if the Statement's Object is an Activity", and so
 * with platform (Data 2.4.6.2): the same for a statement and a sub-statement.
 */
function refineContextForObject(
  statement: { object: { objectType?: string | undefined }; context?: Context | undefined },
  ctx: z.RefinementCtx,
): void {
  const objectType = statement.object.objectType ?? 'Activity';
  const context = statement.context;
  if (!context || objectType === 'Activity') return;
  for (const key of ['revision', 'platform'] as const) {
    if (context[key] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['context', key],
        message: 'is only allowed when the object is an Activity',
      });
    }
  }
}

/** What the record sets on a statement and a sub-statement therefore never carries. */
const RECORD_KEYS = ['id', 'stored', 'version', 'authority'] as const;

const SubStatementShape = z
  .strictObject({
    objectType: z.literal('SubStatement'),
    ...coreShape,
    object: dispatchSchema(pickSimpleObject),
  })
  .superRefine(refineContextForObject);

/** A statement inside a statement: no id, stored, authority or version, and no nesting (Data 2.4.4.3). */
const SubStatementSchema = dispatchSchema<z.output<typeof SubStatementShape>>((value) => {
  const found = isPlainObject(value) ? RECORD_KEYS.find((key) => key in value) : undefined;
  return found
    ? `a SubStatement must not have "${found}" (it has no id, stored, version or authority of its own)`
    : SubStatementShape;
});

/** The object of a statement: Activity (the default), Agent, Group, StatementRef or SubStatement. */
const StatementObjectSchema = dispatchSchema<SimpleObject | z.output<typeof SubStatementShape>>(
  (value) =>
    isPlainObject(value) && value['objectType'] === 'SubStatement'
      ? SubStatementSchema
      : pickSimpleObject(value),
);

/** An xAPI statement (1.0.x or 2.0.x) as a client sends it. */
export const StatementSchema = z
  .strictObject({
    id: UuidSchema.optional(),
    ...coreShape,
    object: StatementObjectSchema,
    /** Set by the record; a client's value is replaced. */
    stored: TimestampSchema.optional(),
    /** Set by the record from the credentials used; a client's value is replaced. */
    authority: AuthoritySchema.optional(),
    version: StatementVersionSchema.optional(),
  })
  .superRefine((statement, ctx) => {
    const objectType = statement.object.objectType ?? 'Activity';
    if (statement.verb.id === VOIDED_VERB && objectType !== 'StatementRef') {
      ctx.addIssue({
        code: 'custom',
        path: ['object'],
        message: 'a voiding statement (verb voided) must have a StatementRef object',
      });
    }
    refineContextForObject(statement, ctx);
  });

export type Statement = z.output<typeof StatementSchema>;
export type SubStatement = z.output<typeof SubStatementShape>;
export type StatementObject = Statement['object'];
export type Context = z.output<typeof ContextSchema>;
