import { deadlineOf, type AssignmentStatus } from './status.ts';

/** The parts of an assignment the learner's ordering needs. */
export interface OrderableAssignment {
  dueDate: string;
  status: AssignmentStatus;
}

/** A learner's assignments split into what is still to do (in order) and what is done. */
export interface LearnerWork<T> {
  toDo: T[];
  completed: T[];
}

/** True when the learner is late: past the due date, or a recurring completion has lapsed. */
export function isLate(status: AssignmentStatus): boolean {
  return status.code === 'overdue' || status.code === 'expired';
}

/** When the work is (or was) due: the end of the validity for a recurring completion, else the due date. */
export function dueMoment(assignment: OrderableAssignment, timeZone: string): number {
  if (assignment.status.validUntil !== null) return assignment.status.validUntil;
  return deadlineOf(assignment.dueDate, timeZone)[0];
}

/**
 * How /learn lists work: overdue (and lapsed) first, then by the moment it falls due; completed
 * work that still counts goes to a list of its own.
 */
export function orderLearnerWork<T extends OrderableAssignment>(
  assignments: T[],
  timeZone: string,
): LearnerWork<T> {
  const keyed = assignments.map((assignment) => ({
    assignment,
    late: isLate(assignment.status) ? 0 : 1,
    due: dueMoment(assignment, timeZone),
  }));
  keyed.sort((a, b) => a.late - b.late || a.due - b.due);
  const ordered = keyed.map((entry) => entry.assignment);
  return {
    toDo: ordered.filter((assignment) => assignment.status.code !== 'completed'),
    completed: ordered.filter((assignment) => assignment.status.code === 'completed'),
  };
}
