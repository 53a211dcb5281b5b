import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { assignments, teamMembers } from '../../../../db/schema.ts';
import {
  STATUS_ORDER,
  assignmentStatus,
  type AssignmentStatus,
} from '../../shared/assignments/status.ts';
import { resolveItem, type ItemCatalog } from './item-catalog.ts';
import { completionOfItem } from '../completion/item.ts';
import { learnerCompletions } from '../completion/read.ts';

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
export async function learnerAssignments(
  db: Database,
  userId: string,
  catalog: ItemCatalog,
  context: { origin: string; now: number; timeZone: string },
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
  const { origin, now: at, timeZone } = context;
  const map = await learnerCompletions(db, userId);
  return rows
    .map((row) => {
      const item = resolveItem(origin, catalog, row.itemType, row.itemId);
      const completion = completionOfItem(item, (id) => map.get(id));
      return {
        id: row.id,
        title: item.title,
        href: item.href,
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
        STATUS_ORDER.indexOf(a.status.code) - STATUS_ORDER.indexOf(b.status.code) ||
        a.dueDate.localeCompare(b.dueDate),
    );
}
