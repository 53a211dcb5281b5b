import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { assignments, teamMembers, users } from '../../../../db/schema.ts';
import { now } from '../clock.ts';
import { describeItem, itemExists, parseItemKey, type ItemCatalog } from './item-catalog.ts';

export type AssignmentRow = typeof assignments.$inferSelect;

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The assign form: what, to whom (the whole team or one member), by when, how often, and why. */
export const NewAssignmentSchema = z.object({
  /** Generated with the form; becomes the assignment id, so a resubmitted form assigns once. */
  requestId: z.uuid({ message: 'Reload the page and submit the form again.' }),
  item: z
    .string({ message: 'Choose a course, track or simulation.' })
    .transform((value, context) => {
      const parsed = parseItemKey(value);
      if (!parsed)
        context.addIssue({ code: 'custom', message: 'Choose a course, track or simulation.' });
      return parsed ?? { type: 'course' as const, id: '' };
    }),
  /** `team`, or the id of one member of the team. */
  assignee: z
    .string({ message: 'Choose the whole team or one person.' })
    .min(1, 'Choose the whole team or one person.'),
  dueDate: z
    .string({ message: 'Enter a due date.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the due date as YYYY-MM-DD.')
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, 'Enter a due date that exists on the calendar.')
    .refine(
      (value) => value >= '2000-01-01' && value <= '2099-12-31',
      'Enter a due date between 2000 and 2099.',
    ),
  recurrenceMonths: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'Enter the recurrence as a whole number of months, or leave it empty.' })
      .int('Enter the recurrence as a whole number of months.')
      .min(1, 'Recurrence must be at least 1 month (leave it empty for none).')
      .max(120, 'Recurrence must be at most 120 months.')
      .optional(),
  ),
  note: z.string().trim().max(500, 'Keep the note under 500 characters.').default(''),
});

export type NewAssignment = z.output<typeof NewAssignmentSchema>;

/** The outcome of assigning: the assignment, or a message a manager can act on. */
export type CreateAssignmentResult =
  { ok: true; assignment: AssignmentRow; isNew: boolean } | { ok: false; message: string };

/** The user ids of a team's members. */
async function memberIds(db: Database, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId));
  return rows.map((row) => row.userId);
}

/**
 * Assigns an item to a team or to one of its members. The caller has checked that the actor manages
 * the team. The same item cannot be assigned twice to the same team or person while both are active.
 */
export async function createAssignment(
  db: Database,
  actor: { id: string },
  team: { id: string },
  input: NewAssignment,
  catalog: ItemCatalog,
): Promise<CreateAssignmentResult> {
  const [replay] = await db.select().from(assignments).where(eq(assignments.id, input.requestId));
  if (replay) {
    return replay.createdBy === actor.id && (replay.teamId === team.id || replay.userId !== null)
      ? { ok: true, assignment: replay, isNew: false }
      : { ok: false, message: 'Reload the page and submit the form again.' };
  }
  const { type, id } = input.item;
  if (!itemExists(catalog, type, id))
    return { ok: false, message: 'That item is not in the catalogue.' };
  const isTeam = input.assignee === 'team';
  if (!isTeam && !(await memberIds(db, team.id)).includes(input.assignee)) {
    return { ok: false, message: 'Choose the whole team or one of its members.' };
  }
  const target = isTeam ? eq(assignments.teamId, team.id) : eq(assignments.userId, input.assignee);
  const [duplicate] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        target,
        eq(assignments.itemType, type),
        eq(assignments.itemId, id),
        isNull(assignments.archivedAt),
      ),
    );
  if (duplicate) {
    return {
      ok: false,
      message: `${describeItem(catalog, type, id).title} is already assigned to ${isTeam ? 'this team' : 'this person'}. Archive that assignment first to change it.`,
    };
  }
  const row: AssignmentRow = {
    id: input.requestId,
    itemType: type,
    itemId: id,
    teamId: isTeam ? team.id : null,
    userId: isTeam ? null : input.assignee,
    dueDate: input.dueDate,
    recurrenceMonths: input.recurrenceMonths ?? null,
    note: input.note,
    createdBy: actor.id,
    createdAt: now(),
    archivedAt: null,
  };
  await db.insert(assignments).values(row).onConflictDoNothing();
  return { ok: true, assignment: row, isNew: true };
}

/** Archives an active assignment of the team or of one of its members; false when there is none. */
export async function archiveAssignment(
  db: Database,
  team: { id: string },
  assignmentId: string,
): Promise<boolean> {
  const members = await memberIds(db, team.id);
  const archived = await db
    .update(assignments)
    .set({ archivedAt: now() })
    .where(
      and(
        eq(assignments.id, assignmentId),
        isNull(assignments.archivedAt),
        members.length
          ? or(eq(assignments.teamId, team.id), inArray(assignments.userId, members))
          : eq(assignments.teamId, team.id),
      ),
    )
    .returning({ id: assignments.id });
  return archived.length > 0;
}

/** An active assignment as the team page lists it. */
export interface TeamAssignment extends AssignmentRow {
  title: string;
  href: string;
  /** "Whole team" or the person's name. */
  assigneeName: string;
  createdByName: string;
}

/** Names the item, the assignee and the assigner of assignments, by due date then title. */
export function describeAssignments(
  rows: AssignmentRow[],
  catalog: ItemCatalog,
  names: ReadonlyMap<string, string>,
): TeamAssignment[] {
  return rows
    .map((row) => ({
      ...row,
      ...describeItem(catalog, row.itemType, row.itemId),
      assigneeName: row.userId ? (names.get(row.userId) ?? 'Former member') : 'Whole team',
      createdByName: names.get(row.createdBy) ?? 'Former manager',
    }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title));
}

/** The team's active assignments and those of its members, by due date. */
export async function listTeamAssignments(
  db: Database,
  teamId: string,
  catalog: ItemCatalog,
): Promise<TeamAssignment[]> {
  const members = await memberIds(db, teamId);
  const rows = await db
    .select()
    .from(assignments)
    .where(
      and(
        isNull(assignments.archivedAt),
        members.length
          ? or(eq(assignments.teamId, teamId), inArray(assignments.userId, members))
          : eq(assignments.teamId, teamId),
      ),
    );
  const peopleIds = [
    ...new Set(rows.flatMap((row) => [row.createdBy, ...(row.userId ? [row.userId] : [])])),
  ];
  const people = peopleIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, peopleIds))
    : [];
  return describeAssignments(rows, catalog, new Map(people.map((p) => [p.id, p.name])));
}
