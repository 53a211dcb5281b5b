import type { SimAction } from '../schema/action.ts';
import { SWITCHING_TYPES } from '../schema/device.ts';
import type { ExerciseRole, Operation } from '../schema/exercise.ts';
import { portKey } from '../topology.ts';
import type { SimModel } from '../topology.ts';
import { invalidActionReason } from '../validate.ts';
import type { ExerciseCommand, ExerciseEntry, InstructorCommand } from './commands.ts';
import { PROTOCOL } from './protocol.ts';
import { INSTRUCTOR_KINDS, ROLE_LABELS } from './state.ts';
import type { ExerciseState, InstructionStatus } from './state.ts';

/** Why an operation cannot name these targets in this model, or null. */
export function invalidTargetsReason(
  model: SimModel,
  operation: Operation,
  targets: readonly string[],
): string | null {
  const rule = PROTOCOL.operations[operation];
  if (rule.target === 'none')
    return targets.length === 0 ? null : `"${rule.label}" names no device`;
  if (targets.length === 0) return `"${rule.label}" needs at least one target`;
  if (new Set(targets).size !== targets.length) return 'a target is named twice';
  for (const target of targets) {
    const type = model.deviceById.get(target)?.type;
    const ok =
      rule.target === 'switching-device'
        ? type !== undefined && SWITCHING_TYPES.includes(type)
        : rule.target === 'node'
          ? model.nodeIndex.has(target)
          : rule.target === 'zone'
            ? model.zones.has(target)
            : isPort(model, target);
    if (!ok) return `${target} is not a ${rule.target.replace('-', ' ')} of this scenario`;
  }
  return null;
}

function isPort(model: SimModel, target: string): boolean {
  const [id = '', number = ''] = target.split(':');
  return (
    model.ports.get(id)?.has(Number(number)) === true && portKey(id, Number(number)) === target
  );
}

/** Why this role may not take this sim action, or null. */
export function actionRefusalReason(
  state: ExerciseState,
  role: ExerciseRole,
  action: SimAction,
): string | null {
  const setup = state.sim.model.scenario.exercise;
  const roleSetup = role === 'observer' || setup === undefined ? undefined : setup.roles[role];
  if (roleSetup === undefined) return `the ${ROLE_LABELS[role]} takes no actions in this exercise`;
  if (!roleSetup.actions.includes(action.type))
    return `the ${ROLE_LABELS[role]} does not "${action.type}" in this exercise`;
  const invalid = invalidActionReason(state.sim.model, action);
  if (invalid !== null) return invalid;
  if (role === 'authority' && action.type === 'operate') {
    const type = state.sim.model.deviceById.get(action.device)?.type;
    if (type === undefined || !PROTOCOL.remoteOperable.includes(type))
      return `${action.device} cannot be operated from the control room; instruct the field operator`;
  }
  return null;
}

const NEEDS: Partial<Record<ExerciseCommand['kind'], InstructionStatus[]>> = {
  'repeat-back': ['issued'],
  confirm: ['repeated'],
  correct: ['repeated'],
  report: ['confirmed'],
  acknowledge: ['reported'],
};

/**
 * Why a participant's command is refused, or null when it may be logged. `connected` names the
 * roles online now: steps that need someone who dropped out wait for them.
 */
export function commandRefusalReason(
  state: ExerciseState,
  role: ExerciseRole,
  command: ExerciseCommand,
  connected: ReadonlySet<ExerciseRole> | null = null,
): string | null {
  if (state.finishedAt !== null) return 'the exercise is over';
  if (state.pausedAt !== null)
    return 'the instructor has paused the exercise; wait until it is resumed';
  const label = ROLE_LABELS[role];
  const time = 'time' in command ? command.time : undefined;
  if (time !== undefined && time !== '' && !PROTOCOL.timePattern.test(time))
    return `state the time in 24-hour form, HH:MM (not "${time}")`;
  switch (command.kind) {
    case 'instruction': {
      if (!PROTOCOL.issuers.includes(role))
        return `only the ${PROTOCOL.issuers.map((r) => ROLE_LABELS[r]).join(' or ')} issues Operating Instructions; the ${label} cannot`;
      if (!PROTOCOL.receivers.includes(command.to) || command.to === role)
        return `instructions go to the ${PROTOCOL.receivers.map((r) => ROLE_LABELS[r]).join(' or ')}`;
      if (state.participants[command.to] === undefined)
        return `the ${ROLE_LABELS[command.to]} has not joined yet`;
      if (connected !== null && !connected.has(command.to))
        return `the ${ROLE_LABELS[command.to]} is disconnected; steps that need them wait until they are back`;
      return invalidTargetsReason(state.sim.model, command.operation, command.targets);
    }
    case 'burst':
      return PROTOCOL.burstSenders.includes(role)
        ? null
        : `the ${label} cannot send burst messages`;
    case 'finish':
      return PROTOCOL.finishers.includes(role)
        ? null
        : `only the ${PROTOCOL.finishers.map((r) => ROLE_LABELS[r]).join(' or ')} closes the exercise`;
    case 'act':
      return actionRefusalReason(state, role, command.action);
    default: {
      const instruction = state.instructions[command.instruction];
      if (instruction === undefined) return `there is no instruction ${command.instruction}`;
      const isReceiverMove = command.kind === 'repeat-back' || command.kind === 'report';
      const owner = isReceiverMove ? instruction.to : instruction.from;
      if (owner !== role)
        return `only the ${ROLE_LABELS[owner]} may ${command.kind.replace('-', ' ')} instruction ${instruction.seq}`;
      const allowed = NEEDS[command.kind] ?? [];
      if (!allowed.includes(instruction.status))
        return `instruction ${instruction.seq} is ${instruction.status}; ${command.kind.replace('-', ' ')} comes after ${allowed.join(' or ')}`;
      if (command.kind === 'repeat-back' || command.kind === 'correct')
        return invalidTargetsReason(state.sim.model, command.operation, command.targets);
      return null;
    }
  }
}

/** Why an instructor's command cannot be logged now, or null. Notes may follow the end. */
export function instructorRefusalReason(
  state: ExerciseState,
  command: InstructorCommand,
): string | null {
  if (command.kind === 'note') return null;
  if (state.finishedAt !== null) return 'the exercise is over';
  switch (command.kind) {
    case 'inject': {
      const inject = state.sim.model.scenario.injects.find((i) => i.id === command.inject);
      if (inject === undefined) return `this scenario has no inject "${command.inject}"`;
      if (state.injects.some((i) => i.id === command.inject))
        return `"${inject.label}" was already injected`;
      return null;
    }
    case 'pause':
      return state.pausedAt === null ? null : 'the exercise is already paused';
    case 'resume':
      return state.pausedAt === null ? 'the exercise is not paused' : null;
    case 'message':
      return state.participants[command.to] === undefined
        ? `the ${ROLE_LABELS[command.to]} has not joined`
        : null;
    case 'end':
      return null;
  }
}

/** Whether a logged command came from the instructor's console. */
export function isInstructorCommand(
  command: ExerciseEntry['command'],
): command is InstructorCommand {
  return (INSTRUCTOR_KINDS as readonly string[]).includes(command.kind);
}
