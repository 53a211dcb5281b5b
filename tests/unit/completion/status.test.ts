import { describe, expect, test } from 'vitest';
import {
  COMPLETION_STATUSES,
  STATUS_RANK,
  betterCompletion,
  isDone,
  isPassed,
  type CompletionStatus,
} from '../../../src/lib/server/completion/status.ts';
import { computeCourseProgress } from '../../../src/lib/server/completion/requirements.ts';

const BASE = 'https://training.example';

describe('STATUS_RANK', () => {
  test('ranks passed over completed over failed over attempted', () => {
    expect([...COMPLETION_STATUSES].sort((a, b) => STATUS_RANK[b] - STATUS_RANK[a])).toEqual([
      'passed',
      'completed',
      'failed',
      'attempted',
    ]);
  });
});

describe('isDone', () => {
  test.each([
    ['passed', 1, true],
    ['completed', 1, true],
    ['completed', null, false],
    ['failed', 1, false],
    ['attempted', 1, false],
  ] as const)('%s with date %s is done: %s', (status, lastCompletedAt, expected) => {
    expect(isDone({ status, lastCompletedAt })).toBe(expected);
  });
});

describe('isPassed', () => {
  test('needs a pass verdict: a completion without success never passes', () => {
    expect(isPassed({ status: 'completed', bestScore: null })).toBe(false);
    expect(isPassed({ status: 'passed', bestScore: null })).toBe(true);
  });

  test('needs the passing score when the row carries a score', () => {
    expect(isPassed({ status: 'passed', bestScore: 0.79 }, 80)).toBe(false);
    expect(isPassed({ status: 'passed', bestScore: 0.8 }, 80)).toBe(true);
  });
});

describe('betterCompletion', () => {
  test('keeps the higher rank, then the later completion', () => {
    type Row = { status: CompletionStatus; lastCompletedAt: number };
    const passed: Row = { status: 'passed', lastCompletedAt: 1 };
    const completed: Row = { status: 'completed', lastCompletedAt: 5 };
    expect(betterCompletion(passed, completed)).toBe(passed);
    const later: Row = { status: 'passed', lastCompletedAt: 9 };
    expect(betterCompletion(passed, later)).toBe(later);
  });
});

describe('computeCourseProgress', () => {
  const course = {
    slug: 'cip',
    data: { title: 'CIP', passingScore: 80, scenarios: ['yard'] },
    lessons: [
      { slug: 'read', data: { kind: 'reading' as const } },
      { slug: 'quiz', data: { kind: 'reading' as const, check: {} } },
    ],
  };

  test('a completed check (no pass verdict) and a completed scenario do not count', () => {
    const rows = new Map([
      [`${BASE}/courses/cip/read`, { status: 'completed' as const, bestScore: null }],
      [`${BASE}/courses/cip/quiz#check`, { status: 'completed' as const, bestScore: null }],
      [`${BASE}/sims/yard`, { status: 'completed' as const, bestScore: null }],
    ]);
    const progress = computeCourseProgress(BASE, course, rows);
    expect(progress).toMatchObject({ doneCount: 1, requiredCount: 3, isComplete: false });
  });

  test('passes at the passing score complete the course', () => {
    const rows = new Map([
      [`${BASE}/courses/cip/read`, { status: 'completed' as const, bestScore: null }],
      [`${BASE}/courses/cip/quiz#check`, { status: 'passed' as const, bestScore: 0.9 }],
      [`${BASE}/sims/yard`, { status: 'passed' as const, bestScore: 0.7 }],
    ]);
    expect(computeCourseProgress(BASE, course, rows)).toMatchObject({
      doneCount: 3,
      isComplete: true,
      isStarted: true,
    });
  });

  test('is not started by rows of other courses', () => {
    const rows = new Map([[`${BASE}/courses/other`, { status: 'passed' as const, bestScore: 1 }]]);
    expect(computeCourseProgress(BASE, course, rows).isStarted).toBe(false);
  });
});
