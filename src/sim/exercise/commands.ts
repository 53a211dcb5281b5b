import { z } from 'zod';
import { ActionSchema } from '../schema/action.ts';
import { IdSchema } from '../schema/common.ts';
import {
  ExerciseRoleSchema,
  OperationSchema,
  TargetSchema,
  WORKING_ROLES,
} from '../schema/exercise.ts';

/** Sequence number of the instruction a message is about. */
const instructionRef = z.number().int().min(1);
/** Time as said over the phone: 24-hour HH:MM (checked against the protocol table when applied). */
const time = z.string().max(5).optional();
const text = z.string().trim().max(500).optional();

/** The structured content of an Operating Instruction (and of a repeat-back or correction). */
const stepFields = {
  operation: OperationSchema,
  targets: z.array(TargetSchema).max(8),
  time,
};

/** Everything a participant can send into an exercise; the server adds joins itself. */
export const ExerciseCommandSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('instruction'),
    /** Who must carry it out. */
    to: z.enum(WORKING_ROLES),
    ...stepFields,
    text,
  }),
  z.object({ kind: z.literal('repeat-back'), instruction: instructionRef, ...stepFields }),
  z.object({ kind: z.literal('confirm'), instruction: instructionRef }),
  z.object({ kind: z.literal('correct'), instruction: instructionRef, ...stepFields, text }),
  z.object({ kind: z.literal('report'), instruction: instructionRef, text }),
  z.object({ kind: z.literal('acknowledge'), instruction: instructionRef }),
  z.object({
    kind: z.literal('burst'),
    severity: z.enum(['alarm', 'warning', 'info']),
    text: z.string().trim().min(1).max(500),
  }),
  z.object({ kind: z.literal('act'), action: ActionSchema }),
  z.object({ kind: z.literal('finish') }),
]);
export type ExerciseCommand = z.output<typeof ExerciseCommandSchema>;

/** What the server itself writes: a participant joined. */
export const ServerCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('join'), name: z.string().min(1).max(120) }),
]);
export type ServerCommand = z.output<typeof ServerCommandSchema>;

const note = z.string().trim().min(1, 'Write something first.').max(1000);

/** What an instructor sends from the console; logged under the observer's seat. */
export const InstructorCommandSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('inject'),
    /** Id of one of the scenario's injects. */
    inject: IdSchema,
  }),
  z.object({
    kind: z.literal('pause'),
    /** Why, shown in every participant's banner. */
    text: z.string().trim().max(300).optional(),
  }),
  z.object({ kind: z.literal('resume') }),
  z.object({
    kind: z.literal('message'),
    /** The one participant who sees it. */
    to: z.enum(WORKING_ROLES),
    text: note,
  }),
  z.object({
    kind: z.literal('note'),
    /** For the after-action review; participants do not see it live. */
    text: note,
  }),
  z.object({ kind: z.literal('end') }),
]);
export type InstructorCommand = z.output<typeof InstructorCommandSchema>;

/** One entry of an exercise's append-only log. */
export const ExerciseEntrySchema = z.object({
  /** 1, 2, 3... with no gaps: a client resumes after the last one it holds. */
  seq: z.number().int().min(1),
  /** The sender's id for the message, so a retry is stored once. */
  clientEventId: z.string().min(1).max(64),
  /** Who sent it. */
  userId: z.string().min(1).max(64),
  /** The role they hold in this exercise. */
  role: ExerciseRoleSchema,
  /** Server time it was accepted, epoch milliseconds. */
  at: z.number().int().min(0),
  command: z.union([ExerciseCommandSchema, ServerCommandSchema, InstructorCommandSchema]),
});
export type ExerciseEntry = z.output<typeof ExerciseEntrySchema>;
