import type { ExerciseCommand, ExerciseRole, OrderStep, Scenario } from '../../src/sim/index.ts';
import { PROTOCOL } from '../../src/sim/exercise/protocol.ts';

/** One command and the role that sends it. */
export interface ScriptedCommand {
  role: ExerciseRole;
  command: ExerciseCommand;
}

/** Mistakes a scripted run can make, to check that scoring names them. */
export interface ScriptMistakes {
  /** Order step id whose receiver acts right after the instruction, before repeating back. */
  actBeforeConfirmation?: string;
  /** Order step id whose repeat-back names a wrong target and is confirmed anyway. */
  wrongRepeatBackConfirmed?: { step: string; target: string };
}

/**
 * The commands that carry out a joint scenario's order with correct three-part communication
 * (or with the given mistakes). Instruction numbers are sequence numbers, so `firstSeq` says
 * which number the first command will get.
 */
export function scriptOrder(
  scenario: Scenario,
  firstSeq: number,
  mistakes: ScriptMistakes = {},
  time = '14:05',
): ScriptedCommand[] {
  const order = scenario.exercise?.order ?? [];
  const script: ScriptedCommand[] = [];
  const push = (role: ExerciseRole, command: ExerciseCommand): number => {
    script.push({ role, command });
    return firstSeq + script.length - 1;
  };
  const actions = (entry: OrderStep) => {
    const rule = PROTOCOL.operations[entry.operation];
    return rule.target === 'none'
      ? rule.actions('')
      : entry.targets.flatMap((t) => rule.actions(t));
  };
  for (const entry of order) {
    if (entry.role === 'authority') {
      for (const action of actions(entry)) push('authority', { kind: 'act', action });
      continue;
    }
    const { operation, targets } = entry;
    const seq = push('authority', {
      kind: 'instruction',
      to: entry.role,
      operation,
      targets,
      time,
    });
    if (mistakes.actBeforeConfirmation === entry.step) {
      for (const action of actions(entry)) push(entry.role, { kind: 'act', action });
    }
    const wrong = mistakes.wrongRepeatBackConfirmed;
    const echoed = wrong?.step === entry.step ? [wrong.target, ...targets.slice(1)] : targets;
    push(entry.role, { kind: 'repeat-back', instruction: seq, operation, targets: echoed, time });
    push('authority', { kind: 'confirm', instruction: seq });
    if (mistakes.actBeforeConfirmation !== entry.step) {
      for (const action of actions(entry)) push(entry.role, { kind: 'act', action });
    }
    push(entry.role, { kind: 'report', instruction: seq });
    push('authority', { kind: 'acknowledge', instruction: seq });
  }
  push('authority', { kind: 'finish' });
  return script;
}
