import type { SimAction } from '../schema/action.ts';
import type { ExerciseRole, Operation } from '../schema/exercise.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { Substation } from '../schema/substation.ts';
import type { SimEvent } from '../events.ts';
import { createInitialState } from '../state.ts';
import type { SimState } from '../state.ts';
import type { FindingCode } from './protocol.ts';

/** Where an Operating Instruction stands in the three-part exchange. */
export type InstructionStatus = 'issued' | 'repeated' | 'confirmed' | 'reported' | 'acknowledged';

/** The structured content both sides say: operation, targets, time. */
export interface SpokenStep {
  readonly operation: Operation;
  readonly targets: readonly string[];
  readonly time: string | null;
}

/** One Operating Instruction and its exchange so far. */
export interface InstructionRecord extends SpokenStep {
  /** Sequence number of the entry that issued it: its id. */
  readonly seq: number;
  readonly from: ExerciseRole;
  readonly to: ExerciseRole;
  readonly text: string | null;
  readonly status: InstructionStatus;
  /** The receiver's latest repeat-back, if any. */
  readonly repeatBack: SpokenStep | null;
  /** What the repeat-back got wrong, empty when it matched. */
  readonly differences: readonly string[];
  /** Actions it authorises that are not done yet. */
  readonly remaining: readonly SimAction[];
}

/** A protocol or coordination breach, charged to one participant. */
export interface ExerciseFinding {
  readonly code: FindingCode;
  readonly role: ExerciseRole;
  /** The entry it arose from (0 for findings made at the end). */
  readonly seq: number;
  /** What happened, naming the device and the people. */
  readonly message: string;
}

/** One line of the communications log that every participant sees. */
export interface TimelineItem {
  readonly seq: number;
  readonly at: number;
  readonly role: ExerciseRole;
  readonly kind: string;
  readonly text: string;
  /** The instruction it belongs to, if any. */
  readonly instruction?: number;
  readonly severity?: 'alarm' | 'warning' | 'info';
}

/** A sim event with who caused it. */
export interface ExerciseSimEvent extends SimEvent {
  readonly seq: number;
  /** Server time of the entry that caused it. */
  readonly at: number;
  readonly role: ExerciseRole;
}

/** An instructor's inject as it was applied. */
export interface AppliedInject {
  readonly seq: number;
  readonly at: number;
  readonly id: string;
  readonly label: string;
}

/** An instructor's private message to one participant, or a note for the review. */
export interface InstructorText {
  readonly seq: number;
  readonly at: number;
  /** The participant a private message is for; absent for notes. */
  readonly to?: ExerciseRole;
  readonly text: string;
}

/** Everything an exercise's log adds up to. Immutable: applying an entry returns a new object. */
export interface ExerciseState {
  readonly sim: SimState;
  readonly lastSeq: number;
  /** Server time of the first entry that was not a join. */
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** Time of the latest entry. */
  readonly lastAt: number;
  readonly participants: Readonly<Partial<Record<ExerciseRole, { userId: string; name: string }>>>;
  readonly instructions: Readonly<Record<number, InstructionRecord>>;
  readonly timeline: readonly TimelineItem[];
  readonly simEvents: readonly ExerciseSimEvent[];
  readonly findings: readonly ExerciseFinding[];
  /** Server time the instructor paused the exercise, or null while it runs. */
  readonly pausedAt: number | null;
  /** What the instructor said when pausing. */
  readonly pauseText: string | null;
  /** Milliseconds spent paused before the current pause, left out of the scored duration. */
  readonly pausedMs: number;
  readonly injects: readonly AppliedInject[];
  readonly messages: readonly InstructorText[];
  readonly notes: readonly InstructorText[];
}

/** The state before the first entry: the scenario's starting state and nobody in. */
export function createExerciseState(substation: Substation, scenario: Scenario): ExerciseState {
  return {
    sim: createInitialState(substation, scenario),
    lastSeq: 0,
    startedAt: null,
    finishedAt: null,
    lastAt: 0,
    participants: {},
    instructions: {},
    timeline: [],
    simEvents: [],
    findings: [],
    pausedAt: null,
    pauseText: null,
    pausedMs: 0,
    injects: [],
    messages: [],
    notes: [],
  };
}

/** How each role is named in messages. */
export const ROLE_LABELS: Record<ExerciseRole, string> = {
  authority: 'switching authority',
  field: 'field operator',
  analyst: 'security analyst',
  observer: 'observer',
};

/** Command kinds only an instructor sends. */
export const INSTRUCTOR_KINDS = ['inject', 'pause', 'resume', 'message', 'note', 'end'] as const;
