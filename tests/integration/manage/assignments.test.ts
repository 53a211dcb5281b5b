import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import {
  NewAssignmentSchema,
  archiveAssignment,
  createAssignment,
  listTeamAssignments,
} from '../../../src/lib/server/assignments/assignment.ts';
import { readContent } from '../../../src/lib/content/content-files.ts';
import { itemCatalogOf } from '../../../src/lib/server/assignments/item-catalog.ts';
import { learnerAssignments } from '../../../src/lib/server/assignments/learner-status.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { ORIGIN, completeCourse, insertPeople, insertTeam } from '../../helpers/manage.ts';

const catalog = itemCatalogOf(readContent());
const CIP = 'cip-004-role-based-training';
let db: Database;
let cleanup: () => void;
let team: { id: string };
let other: { id: string };
let manager: { id: string };
let learner: { id: string; displayName: string };
let outsider: { id: string };

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  manager = (await insertPeople(db, [{ displayName: 'Mona Manager', role: 'manager' }]))[0]!;
  const people = await insertPeople(db, [
    { displayName: 'Lars Lineman' },
    { displayName: 'Olu Outsider' },
  ]);
  learner = people[0]!;
  outsider = people[1]!;
  team = await insertTeam(db, 'line-crew', [learner], [manager]);
  other = await insertTeam(db, 'elsewhere', [outsider]);
});

afterAll(() => cleanup?.());

const form = (overrides: Record<string, string> = {}) => ({
  requestId: crypto.randomUUID(),
  item: `course:${CIP}`,
  assignee: 'team',
  dueDate: '2025-09-30',
  recurrenceMonths: '15',
  note: 'Before access to the control centre',
  ...overrides,
});

describe('NewAssignmentSchema', () => {
  test.each([
    [{ dueDate: '2025-02-30' }, 'Enter a due date that exists on the calendar.'],
    [{ dueDate: '30/09/2025' }, 'Enter the due date as YYYY-MM-DD.'],
    [{ item: 'course:' }, 'Choose a course, track or simulation.'],
    [{ item: 'video:intro' }, 'Choose a course, track or simulation.'],
    [{ recurrenceMonths: '0' }, 'Recurrence must be at least 1 month (leave it empty for none).'],
    [{ recurrenceMonths: '1.5' }, 'Enter the recurrence as a whole number of months.'],
    [{ requestId: 'not-a-uuid' }, 'Reload the page and submit the form again.'],
    [{ note: 'x'.repeat(501) }, 'Keep the note under 500 characters.'],
  ])('refuses %j with a message a manager can act on', (overrides, message) => {
    const parsed = NewAssignmentSchema.safeParse(form(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });

  test('reads an empty recurrence as none and parses the item key', () => {
    const parsed = NewAssignmentSchema.parse(
      form({ recurrenceMonths: '', item: 'track:der-integration' }),
    );
    expect(parsed.recurrenceMonths).toBeUndefined();
    expect(parsed.item).toEqual({ type: 'track', id: 'der-integration' });
  });
});

describe('createAssignment', () => {
  test('assigns a course to the team with a 15-month recurrence and shows it to the learner', async () => {
    const result = await createAssignment(
      db,
      manager,
      team,
      NewAssignmentSchema.parse(form()),
      catalog,
    );
    expect(result).toMatchObject({ ok: true, isNew: true });
    const listed = await listTeamAssignments(db, team.id, catalog);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      itemId: CIP,
      teamId: team.id,
      recurrenceMonths: 15,
      assigneeName: 'Whole team',
      createdByName: 'Mona Manager',
      title: catalog.courses.get(CIP)?.data.title,
    });
    const seen = await learnerAssignments(db, learner.id, catalog, {
      origin: ORIGIN,
      now: Date.parse('2025-06-01T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(seen.map((entry) => [entry.title, entry.dueDate, entry.status.code])).toEqual([
      [catalog.courses.get(CIP)?.data.title, '2025-09-30', 'not-started'],
    ]);
  });

  test('a resubmitted form (same request id) assigns once', async () => {
    const input = NewAssignmentSchema.parse(
      form({ item: 'scenario:isolate-t1', assignee: learner.id }),
    );
    const first = await createAssignment(db, manager, team, input, catalog);
    const again = await createAssignment(db, manager, team, input, catalog);
    expect(first).toMatchObject({ ok: true, isNew: true });
    expect(again).toMatchObject({ ok: true, isNew: false });
    const personal = (await listTeamAssignments(db, team.id, catalog)).filter((a) => a.userId);
    expect(personal).toHaveLength(1);
    expect(personal[0]?.assigneeName).toBe('Lars Lineman');
  });

  test('refuses the same item twice for the same team, an unknown item and a non-member', async () => {
    const duplicate = await createAssignment(
      db,
      manager,
      team,
      NewAssignmentSchema.parse(form()),
      catalog,
    );
    expect(duplicate).toEqual({
      ok: false,
      message: `${catalog.courses.get(CIP)?.data.title} is already assigned to this team. Archive that assignment first to change it.`,
    });
    const unknown = await createAssignment(
      db,
      manager,
      team,
      NewAssignmentSchema.parse(form({ item: 'course:no-such-course' })),
      catalog,
    );
    expect(unknown).toEqual({ ok: false, message: 'That item is not in the catalogue.' });
    const stranger = await createAssignment(
      db,
      manager,
      team,
      NewAssignmentSchema.parse(form({ assignee: outsider.id, item: 'track:der-integration' })),
      catalog,
    );
    expect(stranger).toEqual({
      ok: false,
      message: 'Choose the whole team or one of its members.',
    });
  });

  test('archiving ends an assignment only through its own team', async () => {
    const [assignment] = await listTeamAssignments(db, team.id, catalog);
    expect(await archiveAssignment(db, other, assignment!.id)).toBe(false);
    expect(await archiveAssignment(db, team, assignment!.id)).toBe(true);
    expect(await archiveAssignment(db, team, assignment!.id)).toBe(false);
    const remaining = await listTeamAssignments(db, team.id, catalog);
    expect(remaining.map((a) => a.id)).not.toContain(assignment!.id);
  });

  test('a completion before the assignment counts, and shows as completed to the learner', async () => {
    await completeCourse(
      db,
      learner,
      'distribution-grid-basics',
      Date.parse('2025-01-10T09:00:00Z'),
    );
    await createAssignment(
      db,
      manager,
      team,
      NewAssignmentSchema.parse(
        form({ item: 'course:distribution-grid-basics', recurrenceMonths: '' }),
      ),
      catalog,
    );
    const seen = await learnerAssignments(db, learner.id, catalog, {
      origin: ORIGIN,
      now: Date.parse('2025-06-01T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(
      seen.find((entry) => entry.href === '/courses/distribution-grid-basics')?.status.code,
    ).toBe('completed');
  });
});
