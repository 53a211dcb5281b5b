import type { MoveOn, StructureNode } from './course-structure.ts';
import type { RecordedStatement } from './registration-record.ts';

/** What the record says of one AU in a registration. */
export interface AuOutcome {
  isCompleted: boolean;
  isPassed: boolean;
  isWaived: boolean;
}

/** True when an AU's moveOn rule is met (cmi5 13.1.4, moveOn); a waived AU is met whatever its rule. */
export function isAuSatisfied(moveOn: MoveOn, outcome: AuOutcome): boolean {
  if (outcome.isWaived) return true;
  switch (moveOn) {
    case 'Completed':
      return outcome.isCompleted;
    case 'Passed':
      return outcome.isPassed;
    case 'CompletedAndPassed':
      return outcome.isCompleted && outcome.isPassed;
    case 'CompletedOrPassed':
      return outcome.isCompleted || outcome.isPassed;
    case 'NotApplicable':
      return true;
  }
}

/** Per AU activity id, its outcome from the cmi5-defined statements of the registration. */
export function auOutcomes(statements: readonly RecordedStatement[]): Map<string, AuOutcome> {
  const outcomes = new Map<string, AuOutcome>();
  for (const statement of statements) {
    if (!statement.isCmi5Defined) continue;
    const outcome = outcomes.get(statement.objectId) ?? {
      isCompleted: false,
      isPassed: false,
      isWaived: false,
    };
    if (statement.verb === 'completed') outcome.isCompleted = true;
    if (statement.verb === 'passed') outcome.isPassed = true;
    if (statement.verb === 'waived') outcome.isWaived = true;
    outcomes.set(statement.objectId, outcome);
  }
  return outcomes;
}

/** A block or the course, newly satisfied. */
export interface SatisfiedNode {
  kind: 'block' | 'course';
  /** The publisher's id (the course's or the block's). */
  publisherId: string;
  title: string;
}

const NONE: AuOutcome = { isCompleted: false, isPassed: false, isWaived: false };

/**
 * The blocks and the course whose members all meet their moveOn rules (cmi5 9.3.9, Satisfied), inner
 * blocks first and the course last. `auActivityId` maps a publisher AU id to the LMS activity id.
 */
export function satisfiedNodes(
  course: { id: string; title: string; children: readonly StructureNode[] },
  outcomes: ReadonlyMap<string, AuOutcome>,
  auActivityId: (publisherId: string) => string,
): SatisfiedNode[] {
  const found: SatisfiedNode[] = [];
  const visit = (nodes: readonly StructureNode[]): boolean => {
    let isAll = true;
    for (const node of nodes) {
      if (node.kind === 'au') {
        isAll &&= isAuSatisfied(node.moveOn, outcomes.get(auActivityId(node.id)) ?? NONE);
      } else {
        const isBlock = visit(node.children);
        if (isBlock) found.push({ kind: 'block', publisherId: node.id, title: node.title });
        isAll &&= isBlock;
      }
    }
    return isAll;
  };
  if (visit(course.children)) {
    found.push({ kind: 'course', publisherId: course.id, title: course.title });
  }
  return found;
}
