import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { assignments, completions, teamMembers } from '../../../../db/schema.ts';
import { assignmentStatus, type AssignmentStatus } from '../../assignments/status.ts';
import { now } from '../clock.ts';
import { getConfig } from '../config.ts';
import { getCatalog } from '../courses/catalog.ts';
import { canonicalOrigin } from '../site-origin.ts';
import { describeItem, itemCompletion, type CompletionLike } from './item-completion.ts';

/** One assignment as the learner sees it on /learn. */
export interface LearnerAssignment {
  id: string;
  title: string;
  href: string;
  dueDate: string;
  recurrenceMonths: number | null;
  note: string;
  status: AssignmentStatus;
}

/** Everything assigned to a learner, directly or through a team, most urgent first. */
export async function listLearnerAssignments(
  db: Database,
  userId: string,
): Promise<LearnerAssignment[]> {
  const teamIds = (
    await db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(eq(teamMembers.userId, userId))
  ).map((row) => row.teamId);
  const rows = await db
    .select()
    .from(assignments)
    .where(
      and(
        isNull(assignments.archivedAt),
        teamIds.length
          ? or(eq(assignments.userId, userId), inArray(assignments.teamId, teamIds))
          : eq(assignments.userId, userId),
      ),
    );
  if (!rows.length) return [];
  const catalog = await getCatalog();
  const origin = canonicalOrigin();
  const completionRows = await db.select().from(completions).where(eq(completions.userId, userId));
  const map = new Map<string, CompletionLike>(completionRows.map((row) => [row.activityId, row]));
  const at = now();
  const timeZone = getConfig().ORG_TIME_ZONE;
  const order = [
    'overdue',
    'expired',
    'due-soon',
    'expiring',
    'in-progress',
    'not-started',
    'completed',
  ];
  return rows
    .map((row) => {
      const completion = itemCompletion(origin, catalog, row.itemType, row.itemId, map);
      return {
        id: row.id,
        ...describeItem(catalog, row.itemType, row.itemId),
        dueDate: row.dueDate,
        recurrenceMonths: row.recurrenceMonths,
        note: row.note,
        status: assignmentStatus({
          dueDate: row.dueDate,
          recurrenceMonths: row.recurrenceMonths,
          lastCompletedAt: completion.lastCompletedAt,
          isInProgress: completion.isInProgress,
          now: at,
          timeZone,
        }),
      };
    })
    .sort(
      (a, b) =>
        order.indexOf(a.status.code) - order.indexOf(b.status.code) ||
        a.dueDate.localeCompare(b.dueDate),
    );
}
