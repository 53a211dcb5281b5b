import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import { activityIds } from '../../../src/lib/shared/courses/activity-ids.ts';
import {
  NewAssignmentSchema,
  createAssignment,
} from '../../../src/lib/server/assignments/assignment.ts';
import { readContent } from '../../../src/lib/content/content-files.ts';
import {
  catalogActivityIds,
  itemCatalogOf,
} from '../../../src/lib/server/assignments/item-catalog.ts';
import { summarizeMatrix, type ReportContext } from '../../../src/lib/server/reports/matrix.ts';
import { parseMatrixQuery, viewMatrix } from '../../../src/lib/server/reports/matrix-view.ts';
import { loadTeamMatrix, loadTeamSummaries } from '../../../src/lib/server/reports/team-report.ts';
import { completionTrend } from '../../../src/lib/server/reports/completion-trend.ts';
import {
  crossSkillCoverage,
  domainActivities,
} from '../../../src/lib/server/reports/cross-skill.ts';
import { loadTranscript } from '../../../src/lib/server/reports/transcript.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import {
  ORIGIN,
  completeCourse,
  countStatements,
  insertPeople,
  insertTeam,
  recordOutcome,
} from '../../helpers/manage.ts';

const catalog = itemCatalogOf(readContent());
const CIP = 'cip-004-role-based-training';
const GRID = 'distribution-grid-basics';
const at = (iso: string) => Date.parse(iso);
const context: ReportContext = { origin: ORIGIN, now: at('2025-06-15T12:00:00Z'), timeZone: 'UTC' };
let db: Database;
let cleanup: () => void;
let manager: { id: string };
let team: { id: string };
let ana: { id: string; displayName: string };
let ben: { id: string; displayName: string };
let chloe: { id: string; displayName: string };
let cipCertificate: string;

async function assign(target: { id: string }, fields: Record<string, string>) {
  const input = NewAssignmentSchema.parse({
    requestId: crypto.randomUUID(),
    assignee: 'team',
    recurrenceMonths: '',
    note: '',
    ...fields,
  });
  const result = await createAssignment(db, manager, target, input, catalog);
  if (!result.ok) throw new Error(result.message);
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  manager = (await insertPeople(db, [{ displayName: 'Mia Manager', role: 'manager' }]))[0]!;
  const people = await insertPeople(db, [
    { displayName: 'Ana Ortiz', department: 'ot' },
    { displayName: 'Ben Okafor', department: 'it' },
    { displayName: 'Chloé Dubois', department: 'ot' },
  ]);
  [ana, ben, chloe] = [people[0]!, people[1]!, people[2]!];
  team = await insertTeam(db, 'substation-maintenance', [ana, ben, chloe], [manager]);
  await assign(team, { item: `course:${CIP}`, dueDate: '2025-06-20', recurrenceMonths: '15' });
  await assign(team, { item: `course:${GRID}`, dueDate: '2025-05-31' });
  await assign(team, { item: 'scenario:isolate-t1', assignee: ben.id, dueDate: '2025-07-31' });
  ({ code: cipCertificate } = await completeCourse(db, ana, CIP, at('2024-03-25T10:00:00Z'), 0.92));
  await completeCourse(db, ana, GRID, at('2025-04-02T08:00:00Z'), 0.85);
  await recordOutcome(db, ben, activityIds.course(ORIGIN, GRID), {
    verb: 'attempted',
    at: at('2025-05-01T08:00:00Z'),
  });
  await recordOutcome(db, ben, activityIds.scenario(ORIGIN, 'isolate-t1'), {
    verb: 'passed',
    at: at('2025-06-01T08:00:00Z'),
    score: 0.75,
  });
  await completeCourse(db, chloe, 'ot-incident-response-and-nerc-cip', at('2025-02-11T08:00:00Z'));
  await completeCourse(db, ben, 'der-and-inverters', at('2025-01-15T08:00:00Z'));
  // 20:00 UTC on 30 April is already 1 May in Tokyo.
  await completeCourse(db, chloe, 'ot-security-foundations', at('2025-04-30T20:00:00Z'));
});

afterAll(() => cleanup?.());

describe('buildTeamMatrix', () => {
  test('shows every member by every assigned item with status, date, score and certificate', async () => {
    const { matrix } = await loadTeamMatrix(db, team.id, catalog, context, {
      withCertificates: true,
    });
    expect(matrix.items.map((item) => item.key)).toEqual([
      `course:${CIP}`,
      `course:${GRID}`,
      'scenario:isolate-t1',
    ]);
    expect(matrix.rows.map((row) => row.learner.displayName)).toEqual([
      'Ana Ortiz',
      'Ben Okafor',
      'Chloé Dubois',
    ]);
    const grid = (row: number) =>
      matrix.rows[row]!.cells.map((cell) =>
        cell ? [cell.status.code, cell.completedOn, cell.score, cell.certificateCode] : null,
      );
    expect(grid(0)).toEqual([
      ['expiring', '2024-03-25', 0.92, cipCertificate],
      ['completed', '2025-04-02', 0.85, expect.any(String)],
      null,
    ]);
    expect(matrix.rows[0]!.cells[0]!.status.label).toBe('Expiring soon (valid until 2025-06-25)');
    expect(grid(1)).toEqual([
      ['due-soon', null, null, null],
      ['overdue', null, null, null],
      ['completed', '2025-06-01', 0.75, null],
    ]);
    expect(grid(2)).toEqual([['due-soon', null, null, null], ['overdue', null, null, null], null]);
  });

  test('fifteen months later the CIP-004 completion has expired and is due again', async () => {
    const later = { ...context, now: at('2025-06-26T00:00:00Z') };
    const { matrix } = await loadTeamMatrix(db, team.id, catalog, later);
    expect(matrix.rows[0]!.cells[0]!.status).toMatchObject({
      code: 'expired',
      label: 'Expired (was valid until 2025-06-25)',
    });
  });

  test('uses the same number of SQL statements for 3 learners and for 60', async () => {
    const counter = countStatements(db.$client);
    try {
      await loadTeamMatrix(db, team.id, catalog, context, { withCertificates: true });
      const small = counter.count();
      const crowd = await insertPeople(
        db,
        Array.from({ length: 60 }, (_, index) => ({ displayName: `Learner ${index}` })),
      );
      const big = await insertTeam(db, 'grid-operations', crowd, [manager]);
      await assign(big, { item: `course:${CIP}`, dueDate: '2025-06-30', recurrenceMonths: '15' });
      await assign(big, { item: 'track:der-integration', dueDate: '2025-08-31' });
      for (const person of crowd.slice(0, 20)) {
        await recordOutcome(db, person, activityIds.course(ORIGIN, CIP), { at: context.now - 1e9 });
      }
      const before = counter.count();
      const { matrix } = await loadTeamMatrix(db, big.id, catalog, context, {
        withCertificates: true,
      });
      expect(matrix.rows).toHaveLength(60);
      expect(counter.count() - before).toBe(small);
      expect(small).toBe(5);
    } finally {
      counter.restore();
    }
  });

  test('a track is complete only when every course of it is', async () => {
    const cyber = catalog.tracks.find((track) => track.slug === 'ot-cybersecurity')!;
    await assign(team, { item: 'track:ot-cybersecurity', dueDate: '2025-12-31' });
    const others = cyber.courses.filter((course) => course.slug !== CIP);
    for (const [index, course] of others.entries()) {
      await completeCourse(db, ana, course.slug, at(`2025-03-0${index + 1}T08:00:00Z`));
    }
    const { matrix } = await loadTeamMatrix(db, team.id, catalog, context, { withEvidence: true });
    const column = matrix.items.findIndex((item) => item.key === 'track:ot-cybersecurity');
    expect(others.length).toBeGreaterThanOrEqual(3);
    expect(matrix.rows[0]!.cells[column]).toMatchObject({
      completedOn: '2024-03-25',
      status: { code: 'completed' },
      statementIds: expect.arrayContaining([expect.any(String)]),
    });
    expect(matrix.rows[0]!.cells[column]!.statementIds).toHaveLength(cyber.courses.length);
    expect(matrix.rows[1]!.cells[column]!.status.code).toBe('not-started');
    expect(matrix.rows[2]!.cells[column]!.status.code).toBe('in-progress');
  });
});

describe('viewMatrix and summaries', () => {
  test('filters by status and item, sorts by urgency, and counts the team', async () => {
    const { matrix } = await loadTeamMatrix(db, team.id, catalog, context);
    const query = (search: string) => {
      const parsed = parseMatrixQuery(new URLSearchParams(search));
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.query;
    };
    const names = (search: string) =>
      viewMatrix(matrix, query(search)).rows.map((row) => row.learner.displayName);
    expect(names('status=overdue')).toEqual(['Ben Okafor', 'Chloé Dubois']);
    expect(names('item=scenario:isolate-t1')).toEqual(['Ben Okafor']);
    expect(names(`item=course:${CIP}&status=expiring`)).toEqual(['Ana Ortiz']);
    expect(names('sort=status')[0]).not.toBe('Ana Ortiz');
    expect(viewMatrix(matrix, query('item=scenario:isolate-t1')).items).toHaveLength(1);
    expect(parseMatrixQuery(new URLSearchParams('status=lost'))).toMatchObject({ ok: false });
    expect(parseMatrixQuery(new URLSearchParams('page=0'))).toEqual({
      ok: false,
      message: 'page: Pages start at 1.',
    });
    expect(parseMatrixQuery(new URLSearchParams('page=999999999'))).toMatchObject({
      message: 'page: Use a page number of the matrix (up to 1,000,000).',
    });
    expect(parseMatrixQuery(new URLSearchParams('page=abc'))).toMatchObject({
      message: 'page: Use a page number.',
    });
    const summary = summarizeMatrix(matrix);
    expect(summary.learners).toBe(3);
    expect(summary.counts.overdue).toBe(2);
    expect(summary.counts.expiring).toBe(1);
    const { summaries } = await loadTeamSummaries(db, [team.id], catalog, context);
    expect(summaries.get(team.id)).toEqual(summary);
  });
});

describe('completionTrend and crossSkillCoverage', () => {
  test('counts completions per month in the organisation time zone', async () => {
    const ids = catalogActivityIds(ORIGIN, catalog);
    const trend = await completionTrend(db, [team.id], ids, context);
    const count = (months: typeof trend, month: string) =>
      months.find((entry) => entry.month === month)?.count;
    expect(trend).toHaveLength(12);
    expect(trend.at(-1)).toMatchObject({ month: '2025-06', label: 'Jun 2025', count: 1 });
    expect(trend[0]?.month).toBe('2024-07');
    // Ana completed every OT cybersecurity course but CIP-004 in March.
    const cyber = catalog.tracks.find((track) => track.slug === 'ot-cybersecurity')!;
    expect(count(trend, '2025-03')).toBe(cyber.courses.length - 1);
    expect(count(trend, '2025-04')).toBe(2);
    expect(count(trend, '2025-05')).toBe(0);
    const tokyo = await completionTrend(db, [team.id], ids, { ...context, timeZone: 'Asia/Tokyo' });
    expect(count(tokyo, '2025-04')).toBe(1);
    expect(count(tokyo, '2025-05')).toBe(1);
  });

  test('tells which OT learners hold analytics and cyber completions, and IT learners substation ones', async () => {
    const activities = domainActivities(ORIGIN, catalog);
    const { records } = await loadTeamMatrix(db, team.id, catalog, context, {
      extraActivityIds: [...activities.keys()],
    });
    const [ot, it] = crossSkillCoverage(records.members, records, activities);
    expect(ot?.learners.map((entry) => [entry.learner.displayName, entry.held])).toEqual([
      ['Ana Ortiz', ['cyber']],
      ['Chloé Dubois', ['cyber']],
    ]);
    expect(ot?.holders).toMatchObject({ analytics: 0, cyber: 2 });
    expect(it?.learners.map((entry) => [entry.learner.displayName, entry.held])).toEqual([
      ['Ben Okafor', ['substation', 'der']],
    ]);
    expect(it?.holders).toMatchObject({ substation: 1, der: 1 });
  });
});

describe('loadTranscript', () => {
  test('lists courses with certificates and every graded attempt with date and score', async () => {
    const transcript = await loadTranscript(db, ana.id, catalog, context);
    const cip = transcript?.courses.find((course) => course.slug === CIP);
    expect(cip).toMatchObject({
      status: 'Completed',
      completedOn: '2024-03-25',
      score: 0.92,
      certificate: { code: cipCertificate, issuedOn: '2024-03-25' },
    });
    expect(transcript?.attempts.at(-1)).toMatchObject({
      kind: 'Course',
      date: '2024-03-25',
      outcome: 'Completed',
      score: 0.92,
    });
    const benTranscript = await loadTranscript(db, ben.id, catalog, context);
    expect(benTranscript?.attempts.map((a) => [a.kind, a.outcome, a.score, a.date])).toEqual([
      ['Simulation', 'Passed', 0.75, '2025-06-01'],
      ['Course', 'Completed', 0.9, '2025-01-15'],
    ]);
    expect(benTranscript?.assignments.map((entry) => entry.status.code)).toContain('overdue');
    expect(await loadTranscript(db, crypto.randomUUID(), catalog, context)).toBeNull();
  });
});

describe('disabled accounts', () => {
  test('are left out of the matrix and its figures', async () => {
    await db.update(users).set({ isDisabled: true }).where(eq(users.id, chloe.id));
    try {
      const { matrix } = await loadTeamMatrix(db, team.id, catalog, context);
      expect(matrix.rows.map((row) => row.learner.displayName)).toEqual([
        'Ana Ortiz',
        'Ben Okafor',
      ]);
      expect(summarizeMatrix(matrix).learners).toBe(2);
    } finally {
      await db.update(users).set({ isDisabled: false }).where(eq(users.id, chloe.id));
    }
  });
});

describe('completion rows as reports read them', () => {
  test('rows of two identities of one learner merge into the better, scores to four decimals', async () => {
    const grid = activityIds.course(ORIGIN, GRID);
    const cip = activityIds.course(ORIGIN, CIP);
    const insert = (actor: string, activity: string, row: Record<string, number | string | null>) =>
      db.$client.execute({
        sql: `INSERT INTO completions (actor_key, activity_id, user_id, status, best_score, attempts,
            first_completed_at, last_completed_at, last_statement_id, updated_at)
          VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, 0)`,
        args: [
          actor,
          activity,
          chloe.id,
          row['status']!,
          row['score'] ?? null,
          row['at'] ?? null,
          row['at'] ?? null,
          row['statement'] ?? null,
        ],
      });
    const passedAt = at('2025-05-02T09:30:00Z');
    const statement = crypto.randomUUID();
    // The index hands the completed row over first, the failed one second: the later does not win.
    await insert('mbox:mailto:chloe@example.com', grid, { status: 'failed', score: 0.3 });
    await insert('sha1:0123', grid, {
      status: 'completed',
      score: 0.876543,
      at: passedAt,
      statement,
    });
    await insert('mbox:mailto:chloe@example.com', cip, { status: 'failed', score: -0.25 });
    try {
      const { matrix } = await loadTeamMatrix(db, team.id, catalog, context, {
        withEvidence: true,
      });
      const row = matrix.rows.find((candidate) => candidate.learner.id === chloe.id)!;
      const column = (key: string) => matrix.items.findIndex((item) => item.key === key);
      expect(row.cells[column(`course:${GRID}`)]).toMatchObject({
        status: { code: 'completed' },
        completedAt: passedAt,
        completedOn: '2025-05-02',
        score: 0.8765,
        statementIds: [statement],
      });
      expect(row.cells[column(`course:${CIP}`)]).toMatchObject({
        status: { code: 'due-soon' },
        isInProgress: true,
        completedAt: null,
        score: -0.25,
      });
      expect(row.completedAt(column(`course:${GRID}`))).toBe(passedAt);
    } finally {
      await db.$client.execute({
        sql: `DELETE FROM completions WHERE user_id = ? AND actor_key IN ('sha1:0123', 'mbox:mailto:chloe@example.com')`,
        args: [chloe.id],
      });
    }
  });
});
