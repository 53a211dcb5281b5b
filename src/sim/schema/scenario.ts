import { z } from 'zod';
import { IdSchema, LessonLinkSchema, SlugSchema, SwitchPositionSchema } from './common.ts';
import { ActionSchema, ActionTypeSchema, FindingSchema } from './action.ts';
import { DeviceSchema } from './device.ts';
import { ExerciseSetupSchema } from './exercise.ts';
import { InjectSchema } from './inject.ts';
import { EVENT_CODES } from '../events.ts';

/** A code an engine event carries (e.g. `arc-flash`). */
export const EventCodeSchema = z.enum(EVENT_CODES);

/** Changes to the substation's normal state at the start of a scenario. */
export const InitialStateSchema = z.object({
  /** Switching-device positions that differ from the substation file. */
  positions: z.record(IdSchema, SwitchPositionSchema).default({}),
  /** Lines whose far-end breaker is not in its usual position. */
  remoteEnds: z.record(IdSchema, SwitchPositionSchema).default({}),
  /** Locks already on devices: device id -> holders (`operator` is the learner). */
  locks: z.record(IdSchema, z.array(z.string().min(2).max(40))).default({}),
  /** Tags already on devices: device id -> holders. */
  tags: z.record(IdSchema, z.array(z.string().min(2).max(40))).default({}),
  /** Nodes with portable grounds already applied. */
  grounds: z.array(IdSchema).default([]),
  /** Interlock ids that are out of service for this scenario. */
  interlocksOutOfService: z.array(IdSchema).default([]),
  /** Devices that exist only in this scenario (e.g. an unknown device on the network). */
  extraDevices: z.array(DeviceSchema).default([]),
  /** What inspecting a device shows in this scenario beyond its nameplate (e.g. a firewall alert). */
  inspectNotes: z.record(IdSchema, z.string().min(5).max(1000)).default({}),
  /** Port changes: what is plugged in and whether the port is enabled. */
  ports: z
    .array(
      z.object({
        /** Station switch id. */
        switch: IdSchema,
        /** Port number. */
        port: z.number().int().min(1).max(64),
        /** Device cabled to it in this scenario. */
        connectedTo: IdSchema.optional(),
        /** Whether it is enabled at the start. */
        enabled: z.boolean(),
      }),
    )
    .default([]),
});
export type InitialState = z.output<typeof InitialStateSchema>;

/** Equipment handed to a maintenance crew: what must be dead, earthed and locked out. */
export const WorkZoneSchema = z.object({
  /** Id used by the declare-isolated action. */
  id: IdSchema,
  /** Name, e.g. "Transformer T1 and breaker 52-T1L". */
  name: z.string().min(3).max(120),
  /** Nodes that must be dead, tested dead and earthed. */
  nodes: z.array(IdSchema).min(1),
  /** Devices that must be open, locked and tagged by the operator. */
  isolationPoints: z.array(IdSchema).min(1),
});
export type WorkZone = z.output<typeof WorkZoneSchema>;

/** A walk-down card: explains one piece of equipment to an IT person. */
export const CardSchema = z.object({
  /** Device the card describes. */
  device: IdSchema,
  /** Card heading. */
  title: z.string().min(3).max(80),
  /** What it is and what it does. */
  whatItIs: z.string().min(30).max(600),
  /** The same idea in IT terms. */
  itAnalogy: z.string().min(20).max(400),
  /** Lesson that teaches it. */
  lesson: LessonLinkSchema,
});
export type Card = z.output<typeof CardSchema>;

/** One step of the written order or checklist, scored when done. */
export const RubricStepSchema = z.object({
  /** Unique id within the scenario. */
  id: IdSchema,
  /** The instruction as written on the switching order. */
  instruction: z.string().min(5).max(300),
  /** Actions that complete the step, in any order; a field left out matches anything. */
  actions: z.array(ActionSchema).min(1),
  /** Points for doing the step in its turn. */
  points: z.number().int().min(0).max(100),
});
export type RubricStep = z.output<typeof RubricStepSchema>;

/** Points lost for each event of a kind. */
export const PenaltySchema = z.object({
  /** Event code that costs points. */
  code: EventCodeSchema,
  /** Points lost per occurrence. */
  points: z.number().int().min(1).max(100),
  /** Most points this penalty can cost in one attempt. */
  max: z.number().int().min(1).max(1000).optional(),
  /** Why it costs points, shown in feedback. */
  reason: z.string().min(5).max(300),
});

/** How an attempt is scored. */
export const RubricSchema = z.object({
  /** Whether steps must be done in the written order. */
  ordered: z.boolean(),
  /** The steps and their points. */
  steps: z.array(RubricStepSchema).min(1),
  /** Deductions for events. */
  penalties: z.array(PenaltySchema).default([]),
  /** Event codes that fail the attempt outright. */
  criticalFailures: z.array(EventCodeSchema).default([]),
  /** Share of the maximum score needed to pass, in percent. */
  passPercent: z.number().int().min(1).max(100),
  /** Time allowance. */
  time: z.object({
    /** Time a competent person needs, in seconds. */
    targetSeconds: z.number().int().positive(),
    /** Points lost per started minute over the target. */
    pointsPerMinuteOver: z.number().int().min(0),
    /** Most points the clock can cost. */
    maxPenalty: z.number().int().min(0),
  }),
});
export type Rubric = z.output<typeof RubricSchema>;

/** A condition on the final state that a pass requires. */
export const SuccessConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('position'), device: IdSchema, position: SwitchPositionSchema }),
  z.object({ kind: z.literal('node'), node: IdSchema, state: z.enum(['live', 'dead', 'earthed']) }),
  z.object({ kind: z.literal('locked'), device: IdSchema, locked: z.boolean() }),
  z.object({ kind: z.literal('tagged'), device: IdSchema, tagged: z.boolean() }),
  z.object({ kind: z.literal('ground'), node: IdSchema, applied: z.boolean() }),
  z.object({ kind: z.literal('steps-completed'), min: z.number().int().min(1).optional() }),
  z.object({ kind: z.literal('zone-declared'), zone: IdSchema }),
  z.object({
    kind: z.literal('port'),
    switch: IdSchema,
    port: z.number().int(),
    enabled: z.boolean(),
  }),
  z.object({ kind: z.literal('reported'), finding: FindingSchema.omit({ note: true }) }),
]);
export type SuccessCondition = z.output<typeof SuccessConditionSchema>;

/** A hint, shown on request; tied to a step or general. */
export const HintSchema = z.object({
  /** The step it helps with; absent for a general hint. */
  step: IdSchema.optional(),
  /** The hint text. */
  text: z.string().min(5).max(400),
});

/** A simulation scenario: briefing, starting state, rubric and success conditions. */
export const ScenarioSchema = z
  .object({
    /** Unique id, equal to the file name; the page is /sims/<id>. */
    id: SlugSchema,
    /** Display title. */
    title: z.string().min(3).max(120),
    /** One or two sentences for the catalogue. */
    summary: z.string().min(10).max(400),
    /** Substation file it runs on. */
    substation: SlugSchema,
    /** Who it is written for. */
    audience: z.enum(['it', 'ot', 'all']),
    /** Minutes a learner should plan for. */
    estimatedMinutes: z.number().int().positive(),
    /** Markdown shown before the attempt starts. */
    briefing: z.string().min(50),
    /** What the learner will have done. */
    objectives: z.array(z.string().min(5)).min(1),
    /** Action types this scenario accepts. */
    allowedActions: z.array(ActionTypeSchema).min(1),
    /** Changes to the substation's normal state. */
    initialState: InitialStateSchema.default(InitialStateSchema.parse({})),
    /** Work zones the learner can hand over as isolated. */
    workZones: z.array(WorkZoneSchema).default([]),
    /** Walk-down cards. */
    cards: z.array(CardSchema).default([]),
    /** Scoring rubric. */
    rubric: RubricSchema,
    /** All must hold at the end for a pass. */
    success: z.array(SuccessConditionSchema).min(1),
    /** Hints. */
    hints: z.array(HintSchema).default([]),
    /** Present for a joint exercise: roles, their briefings and the order split between them. */
    exercise: ExerciseSetupSchema.optional(),
    /** Faults an instructor can inject into a joint exercise of this scenario. */
    injects: z.array(InjectSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const stepIds = new Set<string>();
    scenario.rubric.steps.forEach((step, i) => {
      if (stepIds.has(step.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rubric', 'steps', i, 'id'],
          message: 'duplicate step',
        });
      }
      stepIds.add(step.id);
      step.actions.forEach((action, a) => {
        if (!scenario.allowedActions.includes(action.type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rubric', 'steps', i, 'actions', a, 'type'],
            message: `${action.type} is not in allowedActions`,
          });
        }
      });
    });
    scenario.exercise?.order.forEach((entry, i) => {
      if (!stepIds.has(entry.step)) {
        ctx.addIssue({
          code: 'custom',
          path: ['exercise', 'order', i, 'step'],
          message: `unknown step ${entry.step}`,
        });
      }
    });
    for (const [role, setup] of Object.entries(scenario.exercise?.roles ?? {})) {
      setup?.actions.forEach((type, a) => {
        if (!scenario.allowedActions.includes(type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['exercise', 'roles', role, 'actions', a],
            message: `${type} is not in allowedActions`,
          });
        }
      });
    }
    const injectIds = new Set<string>();
    scenario.injects.forEach((inject, i) => {
      if (injectIds.has(inject.id))
        ctx.addIssue({ code: 'custom', path: ['injects', i, 'id'], message: 'duplicate inject' });
      injectIds.add(inject.id);
    });
    scenario.hints.forEach((hint, i) => {
      if (hint.step !== undefined && !stepIds.has(hint.step)) {
        ctx.addIssue({
          code: 'custom',
          path: ['hints', i, 'step'],
          message: `unknown step ${hint.step}`,
        });
      }
    });
  });
export type Scenario = z.output<typeof ScenarioSchema>;
