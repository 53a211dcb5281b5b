import { describe, expect, test } from 'vitest';
import {
  chooseOperation,
  emptyDraft,
  operationsFor,
  pendingInstruction,
  shiftTime,
  targetCandidates,
  toggleTarget,
} from '../../../src/client/exercises/repeat-back-draft.ts';
import { contentScenario } from '../../helpers/content.ts';
import {
  applyEntry,
  createExerciseState,
  type ExerciseEntry,
  type ExerciseState,
} from '../../../src/sim/index.ts';

const { scenario, substation } = contentScenario('joint-isolate-t1');

function stateAfter(commands: [ExerciseEntry['role'], ExerciseEntry['command']][]): ExerciseState {
  let state = createExerciseState(substation, scenario);
  commands.forEach(([role, command], index) => {
    state = applyEntry(state, {
      seq: index + 1,
      clientEventId: `c${index}`,
      userId: role,
      role,
      at: index * 1000,
      command,
    });
  });
  return state;
}

describe('operationsFor', () => {
  test.each([
    [
      'field',
      [
        'open',
        'close',
        'lock-and-tag',
        'remove-lock-and-tag',
        'apply-ground',
        'remove-ground',
        'declare-isolated',
      ],
    ],
    ['analyst', ['prove-tester', 'test-voltage']],
    ['observer', []],
  ] as const)(
    'offers the %s only operations whose every action the role may take',
    (role, expected) => {
      expect(operationsFor(createExerciseState(substation, scenario), role)).toEqual(expected);
    },
  );
});

describe('targetCandidates', () => {
  const state = createExerciseState(substation, scenario);
  test('lists switching devices for a switching operation, the one selected in the yard first', () => {
    const candidates = targetCandidates(state, 'open', '89-T1L');
    expect(candidates[0]).toBe('89-T1L');
    expect(candidates).toContain('52-H1');
    expect(new Set(candidates).size).toBe(candidates.length);
  });
  test('ignores a selection the operation cannot name, and lists nodes and zones by kind', () => {
    expect(targetCandidates(state, 'apply-ground', '89-T1L')).not.toContain('89-T1L');
    expect(targetCandidates(state, 'apply-ground', null)).toContain('n-t1lb');
    expect(targetCandidates(state, 'declare-isolated', null)).toEqual(['t1']);
    expect(targetCandidates(state, 'prove-tester', null)).toEqual([]);
  });
});

describe('composing a repeat-back', () => {
  test('toggles equipment, and drops it when the operation names another kind of target', () => {
    let draft = chooseOperation(emptyDraft(7), 'open');
    draft = toggleTarget(toggleTarget(toggleTarget(draft, '89-T1H'), '89-T1L'), '89-T1H');
    expect(draft.targets).toEqual(['89-T1L']);
    expect(chooseOperation(draft, 'close').targets).toEqual(['89-T1L']);
    expect(chooseOperation(draft, 'apply-ground').targets).toEqual([]);
  });
  test.each([
    ['14:05', 1, '14:06'],
    ['23:59', 1, '00:00'],
    ['00:00', -1, '23:59'],
    ['14:05', 10, '14:15'],
  ] as const)('moves %s by %i minutes to %s', (time, minutes, expected) => {
    expect(shiftTime(time, minutes, new Date())).toBe(expected);
  });
});

describe('pendingInstruction', () => {
  const joins: [ExerciseEntry['role'], ExerciseEntry['command']][] = [
    ['authority', { kind: 'join', name: 'A' }],
    ['field', { kind: 'join', name: 'F' }],
    ['analyst', { kind: 'join', name: 'S' }],
  ];
  const open = (device: string): ExerciseEntry['command'] => ({
    kind: 'instruction',
    to: 'field',
    operation: 'open',
    targets: [device],
    time: '14:05',
  });
  test('is the oldest instruction waiting for the receiver, not one waiting for the issuer', () => {
    const state = stateAfter([
      ...joins,
      ['authority', open('89-T1H')],
      [
        'field',
        {
          kind: 'repeat-back',
          instruction: 4,
          operation: 'open',
          targets: ['89-T1H'],
          time: '14:05',
        },
      ],
      ['authority', open('89-T1L')],
    ]);
    expect(pendingInstruction(state, 'field')?.seq).toBe(6);
    expect(pendingInstruction(state, 'analyst')).toBeNull();
  });
  test('falls back to the oldest open one while everything waits for the issuer', () => {
    const state = stateAfter([
      ...joins,
      ['authority', open('89-T1H')],
      [
        'field',
        {
          kind: 'repeat-back',
          instruction: 4,
          operation: 'open',
          targets: ['89-T1H'],
          time: '14:05',
        },
      ],
    ]);
    expect(pendingInstruction(state, 'field')?.status).toBe('repeated');
  });
});
