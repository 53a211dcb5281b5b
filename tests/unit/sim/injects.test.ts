import { describe, expect, test } from 'vitest';
import {
  applyFault,
  createInitialState,
  instructorRefusalReason,
  replayExercise,
  scoreExercise,
  step,
  type SimState,
} from '../../../src/sim/index.ts';
import { deviceActions, generalActions } from '../../../src/client/sims/actions.ts';
import { listPorts } from '../../../src/sim/describe.ts';
import { ExerciseLogBuilder } from '../../helpers/exercise-log.ts';
import { scriptOrder } from '../../helpers/exercise-script.ts';
import { scenarioPair } from './fixtures.ts';

const isolation = scenarioPair('joint-isolate-t1');
const cyber = scenarioPair('joint-cyber-alert');

function injected(pair: typeof isolation, id: string): SimState {
  const inject = pair.scenario.injects.find((i) => i.id === id);
  if (inject === undefined) throw new Error(`no inject ${id}`);
  return applyFault(createInitialState(pair.substation, pair.scenario), inject.fault, id).state;
}
const codes = (result: { events: readonly { code: string }[] }): string[] =>
  result.events.map((e) => e.code);

describe('injects in the sim engine', () => {
  test('a breaker that fails to open stays closed on a SCADA trip and opens on a local trip', () => {
    let state = step(injected(isolation, 'breaker-fails-to-open'), {
      type: 'operate',
      device: '52-BT',
      position: 'closed',
    }).state;
    const remote = step(state, { type: 'operate', device: '52-T1L', position: 'open' });
    expect(codes(remote)).toEqual(['breaker-failed-to-open']);
    expect(remote.state.positions['52-T1L']).toBe('closed');
    expect(remote.state.progress['open-t1-lv-breaker']?.completedAt).toBeNull();
    state = remote.state;
    const local = step(state, { type: 'operate', device: '52-T1L', position: 'open', local: true });
    expect(codes(local)).toContain('tripped-locally');
    expect(local.state.positions['52-T1L']).toBe('open');
    expect(local.state.progress['open-t1-lv-breaker']?.completedAt).not.toBeNull();
  });

  test('a spurious alarm burst raises each alarm and changes no plant state', () => {
    const before = createInitialState(isolation.substation, isolation.scenario);
    const inject = isolation.scenario.injects.find((i) => i.id === 'alarm-burst')!;
    const result = applyFault(before, inject.fault, inject.id);
    expect(codes(result)).toEqual(Array(5).fill('spurious-alarm'));
    expect(result.state.faults.alarms).toHaveLength(5);
    expect(result.state.positions).toEqual(before.positions);
    expect(result.state.energization).toEqual(before.energization);
  });

  test('lost telemetry freezes what SCADA shows and refuses SCADA control of the bay', () => {
    const state = injected(isolation, 'telemetry-lost');
    expect(state.faults.lastKnown['52-H1']).toBe('closed');
    const remote = step(state, { type: 'operate', device: '52-H1', position: 'open' });
    expect(codes(remote)).toEqual(['scada-control-lost']);
    expect(remote.state.positions['52-H1']).toBe('closed');
    const tie = step(state, { type: 'operate', device: '52-BT', position: 'closed' });
    expect(tie.state.positions['52-BT']).toBe('closed');
  });

  test('a rogue device appears on the chosen port, link up and unregistered', () => {
    const before = createInitialState(cyber.substation, cyber.scenario);
    expect(listPorts(before, 'SW1').find((p) => p.number === 16)?.isLinkUp).toBe(false);
    const state = injected(cyber, 'rogue-device');
    expect(listPorts(state, 'SW1').find((p) => p.number === 16)?.isLinkUp).toBe(true);
    const inspected = step(state, { type: 'inspect-port', switch: 'SW1', port: 16 });
    expect(inspected.events[0]?.explanation).toContain('NOT in the asset register');
    const reported = step(inspected.state, {
      type: 'report',
      finding: { switch: 'SW1', port: 16, category: 'unauthorized-device' },
    });
    expect(codes(reported)).toContain('report-correct');
  });

  test('an unauthorised vendor call is refused (or granted, a critical failure) once', () => {
    const state = injected(cyber, 'vendor-call');
    expect(generalActions(state).map((c) => c.key)).toContain('refuse:vendor-call');
    const refused = step(state, { type: 'answer-call', call: 'vendor-call', answer: 'refuse' });
    expect(codes(refused)).toEqual(['remote-access-refused']);
    expect(generalActions(refused.state).map((c) => c.key)).not.toContain('refuse:vendor-call');
    const again = step(refused.state, {
      type: 'answer-call',
      call: 'vendor-call',
      answer: 'grant',
    });
    expect(codes(again)).toEqual(['action-refused']);
    const granted = step(state, { type: 'answer-call', call: 'vendor-call', answer: 'grant' });
    expect(granted.events[0]?.severity).toBe('critical');
    expect(cyber.scenario.rubric.criticalFailures).toContain('remote-access-granted');
  });

  test('a voltage tester that fails its proving test proves nothing until the spare is fetched', () => {
    const state = injected(isolation, 'tester-fails');
    const failed = step(state, { type: 'test-tester' });
    expect(codes(failed)).toEqual(['tester-failed-proving']);
    expect(failed.state.testerProven).toBe(false);
    expect(generalActions(failed.state).map((c) => c.key)).toContain('replace-tester');
    const spare = step(failed.state, { type: 'replace-tester' });
    const proven = step(spare.state, { type: 'test-tester' });
    expect(codes(proven)).toContain('tester-proven');
    expect(proven.state.testerProven).toBe(true);
  });

  test('device actions are unchanged by injects that do not concern the device', () => {
    const state = injected(isolation, 'alarm-burst');
    const plain = createInitialState(isolation.substation, isolation.scenario);
    expect(deviceActions(state, '52-T1L')).toEqual(deviceActions(plain, '52-T1L'));
  });
});

describe('instructor commands in the exercise log', () => {
  test('refuses an unknown inject, a repeated inject, and a resume while running', () => {
    const run = new ExerciseLogBuilder(isolation.substation, isolation.scenario);
    run.joinAll(['authority', 'field', 'analyst']);
    expect(instructorRefusalReason(run.state, { kind: 'inject', inject: 'meteor' })).toContain(
      'no inject',
    );
    run.add('observer', { kind: 'inject', inject: 'alarm-burst' });
    expect(instructorRefusalReason(run.state, { kind: 'inject', inject: 'alarm-burst' })).toContain(
      'already injected',
    );
    expect(instructorRefusalReason(run.state, { kind: 'resume' })).toContain('not paused');
  });

  test('a pause holds every participant and its time is left out of the scored duration', () => {
    const run = new ExerciseLogBuilder(isolation.substation, isolation.scenario);
    run.joinAll(['authority', 'field', 'analyst']);
    run.add('authority', { kind: 'act', action: { type: 'inspect', device: 'T1' } });
    run.add('observer', { kind: 'pause', text: 'Coaching on repeat-backs' });
    expect(() =>
      run.add('authority', { kind: 'act', action: { type: 'inspect', device: 'T1' } }),
    ).toThrow('paused');
    run.add('observer', { kind: 'resume' }, 600_000);
    run.add('observer', { kind: 'end' });
    expect(run.state.pausedMs).toBe(600_000);
    expect(scoreExercise(run.state).durationMs).toBe(2000);
  });
});

describe('golden replay with injects', () => {
  /** The joint isolation with 52-T1L failing to open, adapted by a local trip, and every other inject. */
  function adaptedRun(): ExerciseLogBuilder {
    const run = new ExerciseLogBuilder(isolation.substation, isolation.scenario);
    run.joinAll(['authority', 'field', 'analyst']);
    run.add('observer', { kind: 'note', text: 'Crew briefed at 14:00.' });
    run.add('authority', {
      kind: 'act',
      action: { type: 'operate', device: '52-BT', position: 'closed' },
    });
    run.add('observer', { kind: 'inject', inject: 'breaker-fails-to-open' });
    run.add('authority', {
      kind: 'act',
      action: { type: 'operate', device: '52-T1L', position: 'open' },
    });
    run.add('authority', { kind: 'burst', severity: 'alarm', text: '52-T1L failed to open: stop' });
    run.instruct('field', { operation: 'open', targets: ['52-T1L'], time: '14:10' }, [
      { type: 'operate', device: '52-T1L', position: 'open' },
    ]);
    run.add('observer', { kind: 'message', to: 'authority', text: 'Good stop.' });
    run.add('observer', { kind: 'inject', inject: 'alarm-burst' });
    run.add('observer', { kind: 'pause', text: 'Coaching' });
    run.add('observer', { kind: 'resume' }, 30_000);
    run.add('observer', { kind: 'inject', inject: 'tester-fails' });
    const rest = scriptOrder(isolation.scenario, run.log.length + 1, {}, '14:20').slice(2);
    for (const { role, command } of rest) {
      if (
        command.kind === 'act' &&
        command.action.type === 'test-tester' &&
        !run.state.sim.testerProven &&
        run.state.sim.faults.isTesterFaulty
      ) {
        run.add(role, command);
        run.add(role, { kind: 'act', action: { type: 'replace-tester' } });
      }
      // Instruction numbers in the script assume no extra entries; renumber to the live sequence.
      run.add(role, renumber(command, run));
    }
    run.add('observer', { kind: 'note', text: 'Adapted well to 52-T1L.' });
    return run;
  }

  test('replaying the stored log reaches the same state and the same verdicts', () => {
    const run = adaptedRun();
    const stored = JSON.parse(JSON.stringify(run.log)) as unknown[];
    const replayed = replayExercise(isolation.substation, isolation.scenario, stored);
    expect(replayed.ok).toBe(true);
    if (!replayed.ok) return;
    expect(replayed.state).toEqual(run.state);
    const score = scoreExercise(replayed.state);
    expect({
      passed: score.team.passed,
      sim: score.sim.score,
      team: score.team.score,
      findings: score.team.findings.map((f) => f.code),
      injects: replayed.state.injects.map((i) => i.id),
      notes: replayed.state.notes.length,
      pausedMs: replayed.state.pausedMs,
      events: replayed.state.simEvents
        .filter((e) =>
          [
            'breaker-failed-to-open',
            'tripped-locally',
            'tester-failed-proving',
            'tester-replaced',
          ].includes(e.code),
        )
        .map((e) => `${e.code}:${e.role}`),
    }).toEqual({
      passed: true,
      sim: 100,
      team: 100,
      findings: [],
      injects: ['breaker-fails-to-open', 'alarm-burst', 'tester-fails'],
      notes: 2,
      pausedMs: 30_000,
      events: [
        'breaker-failed-to-open:authority',
        'tripped-locally:field',
        'tester-failed-proving:analyst',
        'tester-replaced:analyst',
      ],
    });
  });
});

/** Points a scripted command's instruction number at the latest instruction of the same step. */
function renumber<T extends { kind: string }>(command: T, run: ExerciseLogBuilder): T {
  if (!('instruction' in command)) return command;
  const open = Object.values(run.state.instructions).filter((i) => i.status !== 'acknowledged');
  const latest = open[open.length - 1];
  return latest === undefined ? command : { ...command, instruction: latest.seq };
}
