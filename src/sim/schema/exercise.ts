import { z } from 'zod';
import { IdSchema } from './common.ts';
import { ActionTypeSchema } from './action.ts';

/** The parts people play in a joint exercise. */
export const EXERCISE_ROLES = ['authority', 'field', 'analyst', 'observer'] as const;
export const ExerciseRoleSchema = z.enum(EXERCISE_ROLES);
export type ExerciseRole = z.output<typeof ExerciseRoleSchema>;

/** Roles that carry out the scenario (the observer only watches and sends burst messages). */
export const WORKING_ROLES = ['authority', 'field', 'analyst'] as const;

/** The operations an Operating Instruction can name; each expands to sim actions (see protocol.ts). */
export const OPERATIONS = [
  'open',
  'close',
  'lock-and-tag',
  'remove-lock-and-tag',
  'prove-tester',
  'test-voltage',
  'apply-ground',
  'remove-ground',
  'declare-isolated',
  'disable-port',
  'enable-port',
] as const;
export const OperationSchema = z.enum(OPERATIONS);
export type Operation = z.output<typeof OperationSchema>;

/** Something an instruction names: a device, node, work zone or `<switch>:<port>`. */
export const TargetSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*(:\d{1,2})?$/, 'a device, node, zone or switch:port id');

/** One part in a joint scenario: who it is and what they may do. */
export const ExerciseRoleSetupSchema = z.object({
  /** What the role is called in this scenario (e.g. "Switching authority, Riverside control"). */
  title: z.string().min(3).max(120),
  /** Markdown briefing shown to this role only. */
  briefing: z.string().min(50),
  /** Sim actions this role may take (the authority's `operate` is limited to remote-operable devices). */
  actions: z.array(ActionTypeSchema).min(1),
});
export type ExerciseRoleSetup = z.output<typeof ExerciseRoleSetupSchema>;

/** One step of the switching order as the authority issues it. */
export const OrderStepSchema = z.object({
  /** Rubric step it completes. */
  step: IdSchema,
  /** Role that carries it out; the authority's own steps need no instruction. */
  role: z.enum(WORKING_ROLES),
  /** What is done. */
  operation: OperationSchema,
  /** What it is done to (empty for prove-tester). */
  targets: z.array(TargetSchema).max(8).default([]),
});
export type OrderStep = z.output<typeof OrderStepSchema>;

/** What makes a scenario a joint exercise: the roles and the switching order split between them. */
export const ExerciseSetupSchema = z.object({
  /** Role briefings and permissions; authority and field are required. */
  roles: z.object({
    authority: ExerciseRoleSetupSchema,
    field: ExerciseRoleSetupSchema,
    analyst: ExerciseRoleSetupSchema.optional(),
  }),
  /** The switching order, step by step, as the authority holds it. */
  order: z.array(OrderStepSchema).min(1),
});
export type ExerciseSetup = z.output<typeof ExerciseSetupSchema>;
