import { describe, expect, test } from 'vitest';
import type { MoveOn, StructureNode } from '../../../src/lib/server/cmi5/course-structure.ts';
import {
  isAuSatisfied,
  satisfiedNodes,
  type AuOutcome,
} from '../../../src/lib/server/cmi5/satisfaction.ts';

const outcome = (flags: Partial<AuOutcome> = {}): AuOutcome => ({
  isCompleted: false,
  isPassed: false,
  isWaived: false,
  ...flags,
});

describe('isAuSatisfied (cmi5 13.1.4 moveOn)', () => {
  test.each<[MoveOn, Partial<AuOutcome>, boolean]>([
    ['Completed', { isCompleted: true }, true],
    ['Completed', { isPassed: true }, false],
    ['Passed', { isPassed: true }, true],
    ['Passed', { isCompleted: true }, false],
    ['CompletedAndPassed', { isCompleted: true, isPassed: true }, true],
    ['CompletedAndPassed', { isPassed: true }, false],
    ['CompletedOrPassed', { isCompleted: true }, true],
    ['CompletedOrPassed', { isPassed: true }, true],
    ['CompletedOrPassed', {}, false],
    ['NotApplicable', {}, true],
    ['Passed', { isWaived: true }, true],
  ])('%s with %j is %s', (moveOn, flags, expected) => {
    expect(isAuSatisfied(moveOn, outcome(flags))).toBe(expected);
  });
});

const au = (id: string, moveOn: MoveOn): StructureNode => ({
  kind: 'au',
  id,
  title: id,
  description: '',
  url: `${id}.html`,
  moveOn,
  masteryScore: null,
  launchMethod: 'AnyWindow',
  launchParameters: null,
  entitlementKey: null,
  activityType: null,
});
const block = (id: string, children: StructureNode[]): StructureNode => ({
  kind: 'block',
  id,
  title: id,
  description: '',
  children,
});
// Theory { orders (Completed), Isolation { isolate (CompletedOrPassed) } }, quiz (CompletedAndPassed), glossary (NotApplicable)
const course = {
  id: 'course',
  title: 'Switching Practice',
  children: [
    block('theory', [
      au('orders', 'Completed'),
      block('isolation', [au('isolate', 'CompletedOrPassed')]),
    ]),
    au('quiz', 'CompletedAndPassed'),
    au('glossary', 'NotApplicable'),
  ],
};
const ids = (outcomes: Record<string, Partial<AuOutcome>>) =>
  satisfiedNodes(
    course,
    new Map(Object.entries(outcomes).map(([id, flags]) => [id, outcome(flags)])),
    (id) => id,
  ).map((node) => `${node.kind}:${node.publisherId}`);

describe('satisfiedNodes (cmi5 9.3.9)', () => {
  test('nothing before any unit is met: the NotApplicable unit alone does not satisfy the course', () => {
    expect(ids({})).toEqual([]);
  });

  test('an inner block is satisfied first, then the block holding it', () => {
    expect(ids({ isolate: { isPassed: true } })).toEqual(['block:isolation']);
    expect(ids({ isolate: { isPassed: true }, orders: { isCompleted: true } })).toEqual([
      'block:isolation',
      'block:theory',
    ]);
  });

  test('the course last, once every member meets its rule; a waiver counts as met', () => {
    expect(
      ids({
        isolate: { isCompleted: true },
        orders: { isWaived: true },
        quiz: { isCompleted: true, isPassed: true },
      }),
    ).toEqual(['block:isolation', 'block:theory', 'course:course']);
    expect(
      ids({
        isolate: { isCompleted: true },
        orders: { isCompleted: true },
        quiz: { isPassed: true },
      }),
    ).not.toContain('course:course');
  });
});
