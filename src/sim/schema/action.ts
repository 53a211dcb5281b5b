import { z } from 'zod';
import { IdSchema, SwitchPositionSchema } from './common.ts';
import { DeviceTypeSchema } from './device.ts';

const device = IdSchema;
const node = IdSchema;
const portRef = {
  /** Id of the station switch. */
  switch: IdSchema,
  /** Port number on that switch. */
  port: z.number().int().min(1).max(64),
};

/** What a learner can conclude about a switch port. */
export const FindingCategorySchema = z.enum([
  'unauthorized-device',
  'misconfigured-device',
  'no-issue',
]);

/** A finding reported at the end of a network investigation. */
export const FindingSchema = z.object({
  ...portRef,
  /** The learner's conclusion. */
  category: FindingCategorySchema,
  /** Free-text note for the incident record. */
  note: z.string().max(500).optional(),
});
export type Finding = z.output<typeof FindingSchema>;

/** One learner action. Every action the 3D scene, the 2D mode or a test can take. */
export const ActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('operate'),
    /** The breaker, disconnector or earthing switch to move. */
    device,
    /** The position to move it to. */
    position: SwitchPositionSchema,
    /** Defeat the interlock with the override key (logged and penalised). */
    override: z.boolean().optional(),
    /** Operated at the device in the yard (a local hand trip), not through SCADA. */
    local: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('lock'),
    /** Switching device to put the operator's padlock on. */
    device,
  }),
  z.object({
    type: z.literal('unlock'),
    /** Switching device to take the operator's padlock off. */
    device,
  }),
  z.object({
    type: z.literal('tag'),
    /** Switching device to hang the operator's Do Not Operate tag on. */
    device,
  }),
  z.object({
    type: z.literal('untag'),
    /** Switching device to take the operator's tag off. */
    device,
  }),
  z.object({ type: z.literal('test-tester') }),
  z.object({
    type: z.literal('test-voltage'),
    /** Node to test for voltage. */
    node,
  }),
  z.object({
    type: z.literal('apply-ground'),
    /** Node to clamp portable grounds on. */
    node,
  }),
  z.object({
    type: z.literal('remove-ground'),
    /** Node to take portable grounds off. */
    node,
  }),
  z.object({
    type: z.literal('identify'),
    /** The device the learner points at. */
    device,
    /** What the learner says it is. */
    answer: DeviceTypeSchema,
  }),
  z.object({
    type: z.literal('inspect'),
    /** Device to look at closely. */
    device,
  }),
  z.object({
    type: z.literal('declare-isolated'),
    /** Work zone handed to the crew as safe to work on. */
    zone: IdSchema,
  }),
  z.object({ type: z.literal('inspect-port'), ...portRef }),
  z.object({ type: z.literal('disable-port'), ...portRef }),
  z.object({ type: z.literal('enable-port'), ...portRef }),
  z.object({
    type: z.literal('report'),
    /** What the learner found. */
    finding: FindingSchema,
  }),
  /** Fetch the spare voltage tester after the first one failed its proving test. */
  z.object({ type: z.literal('replace-tester') }),
  z.object({
    type: z.literal('answer-call'),
    /** The call being answered (its inject id). */
    call: IdSchema,
    /** Refuse the caller's request, or grant it. */
    answer: z.enum(['refuse', 'grant']),
  }),
]);
export type SimAction = z.output<typeof ActionSchema>;
export type ActionType = SimAction['type'];

/** Every action type, in the order the UI lists them. */
export const ACTION_TYPES = [
  'operate',
  'lock',
  'unlock',
  'tag',
  'untag',
  'test-tester',
  'test-voltage',
  'apply-ground',
  'remove-ground',
  'identify',
  'inspect',
  'declare-isolated',
  'inspect-port',
  'disable-port',
  'enable-port',
  'report',
  'replace-tester',
  'answer-call',
] as const satisfies readonly ActionType[];
export const ActionTypeSchema = z.enum(ACTION_TYPES);

/** One entry of an attempt's log: the action and when it was taken. */
export const ActionLogEntrySchema = z.object({
  /** Milliseconds since the attempt started. */
  at: z.number().int().min(0),
  /** What the learner did. */
  action: ActionSchema,
});
export type ActionLogEntry = z.output<typeof ActionLogEntrySchema>;

/** Nodes and devices an action refers to, for checking a log against a model. */
export function referencesOf(action: SimAction): { devices: string[]; nodes: string[] } {
  switch (action.type) {
    case 'test-voltage':
    case 'apply-ground':
    case 'remove-ground':
      return { devices: [], nodes: [action.node] };
    case 'test-tester':
    case 'declare-isolated':
    case 'replace-tester':
    case 'answer-call':
      return { devices: [], nodes: [] };
    case 'inspect-port':
    case 'disable-port':
    case 'enable-port':
      return { devices: [action.switch], nodes: [] };
    case 'report':
      return { devices: [action.finding.switch], nodes: [] };
    default:
      return { devices: [action.device], nodes: [] };
  }
}
