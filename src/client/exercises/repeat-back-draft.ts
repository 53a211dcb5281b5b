import { PROTOCOL } from '../../sim/exercise/protocol.ts';
import type { ExerciseState, InstructionRecord } from '../../sim/exercise/state.ts';
import { SWITCHING_TYPES } from '../../sim/schema/device.ts';
import { OPERATIONS, type ExerciseRole, type Operation } from '../../sim/schema/exercise.ts';

/**
 * A repeat-back being composed without a keyboard (in a headset): the receiver picks the
 * operation, the equipment and the time themselves; nothing is copied from the instruction.
 */
export interface RepeatBackDraft {
  /** The instruction it answers. */
  readonly instruction: number;
  readonly operation: Operation | null;
  readonly targets: readonly string[];
  /** 24-hour HH:MM, or null while not stated. */
  readonly time: string | null;
  /** Which page of equipment choices is shown. */
  readonly page: number;
}

/** An empty draft for an instruction. */
export function emptyDraft(instruction: number): RepeatBackDraft {
  return { instruction, operation: null, targets: [], time: null, page: 0 };
}

const NEEDS_ME: readonly InstructionRecord['status'][] = ['issued', 'confirmed'];

/**
 * The open instruction to this role that matters now: the oldest one waiting for them (to repeat
 * back, or to carry out and report), else the oldest still open.
 */
export function pendingInstruction(
  state: ExerciseState,
  role: ExerciseRole,
): InstructionRecord | null {
  const mine = Object.values(state.instructions)
    .filter((i) => i.to === role && i.status !== 'acknowledged')
    .sort((a, b) => a.seq - b.seq);
  return mine.find((i) => NEEDS_ME.includes(i.status)) ?? mine[0] ?? null;
}

/** Operations whose every authorised action this role may take in the exercise. */
export function operationsFor(state: ExerciseState, role: ExerciseRole): Operation[] {
  const setup = state.sim.model.scenario.exercise;
  const allowed = role === 'observer' ? undefined : setup?.roles[role]?.actions;
  if (allowed === undefined) return [];
  return OPERATIONS.filter((operation) => {
    const rule = PROTOCOL.operations[operation];
    // The action types an operation authorises do not depend on its target.
    const sample = rule.target === 'port' ? 'x:1' : 'x';
    return rule.actions(sample).every((action) => allowed.includes(action.type));
  });
}

/** What an operation can name in this scenario, with the equipment selected in the yard first. */
export function targetCandidates(
  state: ExerciseState,
  operation: Operation,
  selected: string | null,
): string[] {
  const { model } = state.sim;
  const kind = PROTOCOL.operations[operation].target;
  const all =
    kind === 'switching-device'
      ? model.devices.filter((d) => SWITCHING_TYPES.includes(d.type)).map((d) => d.id)
      : kind === 'node'
        ? model.nodes.map((n) => n.id)
        : kind === 'zone'
          ? [...model.zones.keys()]
          : kind === 'port'
            ? [...model.ports].flatMap(([id, ports]) => [...ports.keys()].map((n) => `${id}:${n}`))
            : [];
  return selected !== null && all.includes(selected)
    ? [selected, ...all.filter((t) => t !== selected)]
    : all;
}

/** Picks an operation; equipment chosen for another kind of target is dropped. */
export function chooseOperation(draft: RepeatBackDraft, operation: Operation): RepeatBackDraft {
  const kind = (op: Operation | null) => (op === null ? null : PROTOCOL.operations[op].target);
  const keeps = kind(draft.operation) === kind(operation);
  return { ...draft, operation, targets: keeps ? draft.targets : [], page: 0 };
}

/** Adds the equipment to the draft, or takes it out again. */
export function toggleTarget(draft: RepeatBackDraft, target: string): RepeatBackDraft {
  const targets = draft.targets.includes(target)
    ? draft.targets.filter((t) => t !== target)
    : [...draft.targets, target];
  return { ...draft, targets };
}

/** The time of day as 24-hour HH:MM. */
export function timeOfDay(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Moves a stated time by some minutes, round the clock (an unstated time starts from `now`). */
export function shiftTime(time: string | null, minutes: number, now: Date): string {
  const [h = 0, m = 0] = (time ?? timeOfDay(now)).split(':').map(Number);
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
