import type { SimAction } from '../schema/action.ts';
import type { ExerciseRole } from '../schema/exercise.ts';
import { INEFFECTIVE_CODES } from '../events.ts';
import { matches } from '../progress.ts';
import { applyFault } from '../faults.ts';
import { step } from '../step.ts';
import type { ExerciseEntry } from './commands.ts';
import { PROTOCOL } from './protocol.ts';
import type { FindingCode } from './protocol.ts';
import { ROLE_LABELS } from './state.ts';
import type {
  ExerciseFinding,
  ExerciseState,
  InstructionRecord,
  SpokenStep,
  TimelineItem,
} from './state.ts';

/** "Open 89-T1H at 14:05", as the comms log says it. */
export function describeStep(spoken: SpokenStep): string {
  const rule = PROTOCOL.operations[spoken.operation];
  const targets = spoken.targets.length > 0 ? ` ${spoken.targets.join(', ')}` : '';
  return `${rule.label}${targets}${spoken.time === null ? ' (no time stated)' : ` at ${spoken.time}`}`;
}

/** What a repeat-back got wrong compared with the instruction. */
export function compareRepeatBack(instruction: SpokenStep, echo: SpokenStep): string[] {
  const differences: string[] = [];
  if (echo.operation !== instruction.operation)
    differences.push(
      `operation "${PROTOCOL.operations[echo.operation].label}" instead of "${PROTOCOL.operations[instruction.operation].label}"`,
    );
  const said = new Set(echo.targets);
  const meant = new Set(instruction.targets);
  const extra = echo.targets.filter((t) => !meant.has(t));
  const missing = instruction.targets.filter((t) => !said.has(t));
  if (extra.length > 0 || missing.length > 0)
    differences.push(
      `${extra.length > 0 ? extra.join(', ') : 'nothing'} instead of ${missing.length > 0 ? missing.join(', ') : 'nothing'}`,
    );
  if (instruction.time !== null && echo.time !== instruction.time)
    differences.push(`time ${echo.time ?? 'not stated'} instead of ${instruction.time}`);
  return differences;
}

function spoken(command: {
  operation: SpokenStep['operation'];
  targets: readonly string[];
  time?: string | undefined;
}): SpokenStep {
  return {
    operation: command.operation,
    targets: [...command.targets],
    time: command.time === undefined || command.time === '' ? null : command.time,
  };
}

function authorised(step: SpokenStep): SimAction[] {
  const rule = PROTOCOL.operations[step.operation];
  return rule.target === 'none' ? rule.actions('') : step.targets.flatMap((t) => rule.actions(t));
}

/**
 * Applies one accepted log entry. Pure and deterministic, so the server, every client and any
 * later replay reach the same state. Entries are assumed to have passed `commandRefusalReason`;
 * an entry about an unknown instruction changes nothing.
 */
export function applyEntry(state: ExerciseState, entry: ExerciseEntry): ExerciseState {
  const { command, role, seq, at } = entry;
  let next: ExerciseState = {
    ...state,
    lastSeq: seq,
    lastAt: at,
    startedAt: state.startedAt ?? (command.kind === 'join' || command.kind === 'note' ? null : at),
  };
  const line = (kind: string, text: string, extra: Partial<TimelineItem> = {}): void => {
    next = { ...next, timeline: [...next.timeline, { seq, at, role, kind, text, ...extra }] };
  };
  const find = (code: FindingCode, by: ExerciseRole, message: string): void => {
    const finding: ExerciseFinding = { code, role: by, seq, message };
    next = { ...next, findings: [...next.findings, finding] };
  };
  const put = (record: InstructionRecord): void => {
    next = { ...next, instructions: { ...next.instructions, [record.seq]: record } };
  };
  const who = ROLE_LABELS[role];
  switch (command.kind) {
    case 'join': {
      next = {
        ...next,
        participants: {
          ...next.participants,
          [role]: { userId: entry.userId, name: command.name },
        },
      };
      line('join', `${command.name} joined as ${who}`);
      return next;
    }
    case 'burst':
      line('burst', command.text, { severity: command.severity });
      return next;
    case 'inject': {
      const inject = next.sim.model.scenario.injects.find((i) => i.id === command.inject);
      if (inject === undefined) return state;
      const result = applyFault(next.sim, inject.fault, inject.id);
      next = {
        ...next,
        sim: result.state,
        simEvents: [...next.simEvents, ...result.events.map((e) => ({ ...e, seq, role, at }))],
        injects: [...next.injects, { seq, at, id: inject.id, label: inject.label }],
      };
      line('inject', `Instructor inject: ${inject.label}`, { severity: 'alarm' });
      return next;
    }
    case 'pause':
      line(
        'pause',
        `The instructor paused the exercise${command.text ? `: ${command.text}` : ''}`,
        {
          severity: 'warning',
        },
      );
      return { ...next, pausedAt: at, pauseText: command.text ?? null };
    case 'resume':
      line('resume', 'The instructor resumed the exercise', { severity: 'info' });
      return {
        ...next,
        pausedAt: null,
        pauseText: null,
        pausedMs: next.pausedMs + (state.pausedAt === null ? 0 : at - state.pausedAt),
      };
    case 'message':
      return {
        ...next,
        messages: [...next.messages, { seq, at, to: command.to, text: command.text }],
      };
    case 'note':
      return { ...next, notes: [...next.notes, { seq, at, text: command.text }] };
    case 'end':
      line('finish', 'The instructor ended the exercise');
      return { ...next, finishedAt: next.finishedAt ?? at, ...closePause(next, at) };
    case 'finish':
      line('finish', `The ${who} closed the exercise`);
      return { ...next, finishedAt: at, ...closePause(next, at) };
    case 'instruction': {
      const said = spoken(command);
      if (said.time === null)
        find('time-missing', role, `Instruction ${seq} (${describeStep(said)}) stated no time`);
      put({
        ...said,
        seq,
        from: role,
        to: command.to,
        text: command.text ?? null,
        status: 'issued',
        repeatBack: null,
        differences: [],
        remaining: authorised(said),
      });
      line(
        'instruction',
        `To the ${ROLE_LABELS[command.to]}: ${describeStep(said)}${command.text ? `. ${command.text}` : ''}`,
        { instruction: seq },
      );
      return next;
    }
    case 'act':
      return applyAction(next, entry, command.action);
    default:
      break;
  }
  const instruction = next.instructions[command.instruction];
  if (instruction === undefined) return state;
  const ref = { instruction: instruction.seq };
  switch (command.kind) {
    case 'repeat-back': {
      const echo = spoken(command);
      if (echo.time === null)
        find(
          'time-missing',
          role,
          `The repeat-back of instruction ${instruction.seq} stated no time`,
        );
      put({
        ...instruction,
        status: 'repeated',
        repeatBack: echo,
        differences: compareRepeatBack(instruction, echo),
      });
      line('repeat-back', `Repeat-back: ${describeStep(echo)}`, ref);
      break;
    }
    case 'confirm': {
      if (instruction.differences.length > 0)
        find(
          'wrong-repeat-back-confirmed',
          role,
          `Instruction ${instruction.seq}: the ${who} confirmed a repeat-back that said ${instruction.differences.join('; ')}`,
        );
      put({ ...instruction, status: 'confirmed' });
      line('confirm', `Confirmed instruction ${instruction.seq}`, ref);
      break;
    }
    case 'correct': {
      const said = spoken(command);
      if (said.time === null)
        find('time-missing', role, `The reissue of instruction ${instruction.seq} stated no time`);
      put({
        ...instruction,
        ...said,
        text: command.text ?? instruction.text,
        status: 'issued',
        repeatBack: null,
        differences: [],
        remaining: authorised(said),
      });
      line('correct', `Corrected and reissued: ${describeStep(said)}`, ref);
      break;
    }
    case 'report':
      put({ ...instruction, status: 'reported' });
      line(
        'report',
        `Reported instruction ${instruction.seq} complete${command.text ? `: ${command.text}` : ''}`,
        ref,
      );
      break;
    case 'acknowledge':
      put({ ...instruction, status: 'acknowledged' });
      line('acknowledge', `Acknowledged the report of instruction ${instruction.seq}`, ref);
      break;
  }
  return next;
}

function applyAction(state: ExerciseState, entry: ExerciseEntry, action: SimAction): ExerciseState {
  const { role, seq, at } = entry;
  const find = (code: FindingCode, by: ExerciseRole, message: string): ExerciseState => ({
    ...next,
    findings: [...next.findings, { code, role: by, seq, message }],
  });
  // The control room operates through SCADA; everyone else is at the device.
  const taken =
    action.type === 'operate' && role !== 'authority' ? { ...action, local: true } : action;
  const result = step(state.sim, taken);
  const events = result.events.map((event) => ({ ...event, seq, role, at }));
  let next: ExerciseState = {
    ...state,
    sim: result.state,
    simEvents: [...state.simEvents, ...events],
  };
  const needsInstruction =
    !PROTOCOL.issuers.includes(role) &&
    !PROTOCOL.observations.includes(action.type) &&
    !PROTOCOL.offPlant.includes(action.type);
  if (!needsInstruction) return next;
  const isEffective = !result.events.some((event) => INEFFECTIVE_CODES.has(event.code));
  const mine = Object.values(next.instructions).filter((i) => i.to === role);
  const covering = mine.find(
    (i) => i.status === 'confirmed' && i.remaining.some((p) => matches(p, action)),
  );
  const what = describeAction(action);
  if (covering !== undefined) {
    if (isEffective) {
      const index = covering.remaining.findIndex((p) => matches(p, action));
      const remaining = covering.remaining.filter((_, i) => i !== index);
      next = {
        ...next,
        instructions: { ...next.instructions, [covering.seq]: { ...covering, remaining } },
      };
    }
    return next;
  }
  const isIsolation = PROTOCOL.networkIsolation.includes(action.type);
  const pending = mine.find(
    (i) =>
      (i.status === 'issued' || i.status === 'repeated') &&
      i.remaining.some((p) => matches(p, action)),
  );
  if (isIsolation)
    return find(
      'isolation-without-authority',
      role,
      `The ${ROLE_LABELS[role]} ${what} ${pending === undefined ? 'without an instruction from the switching authority' : `before the switching authority confirmed instruction ${pending.seq}`}`,
    );
  if (pending !== undefined)
    return find(
      'operation-before-confirmation',
      role,
      `The ${ROLE_LABELS[role]} ${what} before instruction ${pending.seq} was confirmed`,
    );
  return find(
    'operation-without-instruction',
    role,
    `The ${ROLE_LABELS[role]} ${what} without a confirmed instruction`,
  );
}

function closePause(
  state: ExerciseState,
  at: number,
): Pick<ExerciseState, 'pausedAt' | 'pauseText' | 'pausedMs'> {
  return {
    pausedAt: null,
    pauseText: null,
    pausedMs: state.pausedMs + (state.pausedAt === null ? 0 : at - state.pausedAt),
  };
}

/** "opened 89-T1H", for findings. */
export function describeAction(action: SimAction): string {
  switch (action.type) {
    case 'operate':
      return `${action.position === 'open' ? 'opened' : 'closed'} ${action.device}`;
    case 'test-tester':
      return 'proved the voltage tester';
    case 'test-voltage':
    case 'apply-ground':
    case 'remove-ground':
      return `did "${action.type}" on ${action.node}`;
    case 'declare-isolated':
      return `handed over ${action.zone}`;
    case 'disable-port':
    case 'enable-port':
    case 'inspect-port':
      return `did "${action.type}" on ${action.switch}:${action.port}`;
    case 'report':
      return `reported ${action.finding.switch}:${action.finding.port}`;
    case 'replace-tester':
      return 'fetched the spare voltage tester';
    case 'answer-call':
      return `${action.answer === 'refuse' ? 'refused' : 'granted'} the caller's request`;
    default:
      return `did "${action.type}" on ${action.device}`;
  }
}
