import { describe, expect, test } from 'vitest';
import {
  applyEntry,
  commandRefusalReason,
  createExerciseState,
  isInstructorCommand,
  replayExercise,
  scoreExercise,
  type ExerciseEntry,
  type ExerciseRole,
  type ExerciseState,
} from '../../../src/sim/index.ts';
import { contentScenario } from '../../helpers/content.ts';
import { scriptOrder, type ScriptMistakes } from '../../helpers/exercise-script.ts';

const joint = contentScenario('joint-isolate-t1');
const { scenario, substation } = joint;
const people: [ExerciseRole, string][] = [
  ['authority', 'Ana Authority'],
  ['field', 'Femi Field'],
  ['analyst', 'Sam Analyst'],
];

function run(mistakes: ScriptMistakes = {}): { state: ExerciseState; log: ExerciseEntry[] } {
  let state = createExerciseState(substation, scenario);
  const log: ExerciseEntry[] = [];
  const append = (role: ExerciseRole, command: ExerciseEntry['command']): void => {
    const entry: ExerciseEntry = {
      seq: log.length + 1,
      clientEventId: `e${log.length + 1}`,
      userId: `u-${role}`,
      role,
      at: 1_000_000 + log.length * 1000,
      command,
    };
    if (command.kind !== 'join' && !isInstructorCommand(command)) {
      const reason = commandRefusalReason(state, role, command);
      if (reason !== null) throw new Error(`entry ${entry.seq} refused: ${reason}`);
    }
    state = applyEntry(state, entry);
    log.push(entry);
  };
  for (const [role, name] of people) append(role, { kind: 'join', name });
  for (const { role, command } of scriptOrder(scenario, log.length + 1, mistakes))
    append(role, command);
  return { state, log };
}

describe('joint exercise protocol', () => {
  test('a correct run passes every participant with no findings', () => {
    const score = scoreExercise(run().state);
    expect(score.sim.passed).toBe(true);
    expect(score.team.findings).toEqual([]);
    expect(score.participants.map((p) => [p.role, p.passed])).toEqual([
      ['authority', true],
      ['field', true],
      ['analyst', true],
    ]);
  });

  test('acting before confirmation and confirming a wrong repeat-back are both named', () => {
    const { state } = run({
      actBeforeConfirmation: 'open-t1-lv-disconnector',
      wrongRepeatBackConfirmed: { step: 'verify-dead', target: 'n-t2h' },
    });
    const score = scoreExercise(state);
    const codes = score.team.findings.map((f) => [f.code, f.role]);
    expect(codes).toContainEqual(['operation-before-confirmation', 'field']);
    expect(codes).toContainEqual(['wrong-repeat-back-confirmed', 'authority']);
    const messages = score.team.findings.map((f) => f.message).join('\n');
    expect(messages).toContain('opened 89-T1L before instruction');
    expect(messages).toContain('n-t2h instead of n-t1h');
  });

  test('a replay of the log reaches the same score', () => {
    const { state, log } = run({ actBeforeConfirmation: 'open-t1-hv-disconnector' });
    const replayed = replayExercise(substation, scenario, log);
    expect(replayed.ok).toBe(true);
    if (replayed.ok) expect(scoreExercise(replayed.state)).toEqual(scoreExercise(state));
  });

  test.each([
    [
      'analyst',
      { kind: 'instruction', to: 'field', operation: 'open', targets: ['89-T1H'], time: '14:00' },
      'only the switching authority issues',
    ],
    [
      'field',
      { kind: 'act', action: { type: 'test-voltage', node: 'n-t1h' } },
      'does not "test-voltage"',
    ],
    [
      'authority',
      { kind: 'act', action: { type: 'operate', device: '89-T1H', position: 'open' } },
      'cannot be operated from the control room',
    ],
    [
      'authority',
      { kind: 'instruction', to: 'field', operation: 'open', targets: ['89-T1H'], time: '25:00' },
      '24-hour form',
    ],
    ['field', { kind: 'confirm', instruction: 99 }, 'no instruction 99'],
  ] as const)('the %s is refused %j', (role, command, reason) => {
    let state = createExerciseState(substation, scenario);
    people.forEach(([r, name], i) => {
      state = applyEntry(state, {
        seq: i + 1,
        clientEventId: `j${i}`,
        userId: r,
        role: r,
        at: i,
        command: { kind: 'join', name },
      });
    });
    expect(commandRefusalReason(state, role, command as never)).toContain(reason);
  });

  test('replays a 500-entry log', () => {
    const { log } = run();
    const long = [...log.slice(0, -1)];
    while (long.length < 500) {
      long.push({
        ...log[3]!,
        seq: long.length + 1,
        clientEventId: `b${long.length}`,
        role: 'observer',
        command: { kind: 'burst', severity: 'info', text: 'check' },
      });
    }
    const replayed = replayExercise(substation, scenario, long);
    expect(replayed.ok).toBe(true);
  });
});
