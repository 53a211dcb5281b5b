import type { MoveOn } from '../../server/cmi5/course-structure.ts';

/** What each cmi5 moveOn rule means, in words a learner reads. */
export const MOVE_ON_LABEL: Record<MoveOn, string> = {
  Passed: 'passed',
  Completed: 'completed',
  CompletedAndPassed: 'completed and passed',
  CompletedOrPassed: 'completed or passed',
  NotApplicable: 'nothing required',
};
