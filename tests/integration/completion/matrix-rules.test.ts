import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { assignments } from '../../../db/schema.ts';
import { assignmentStatus } from '../../../src/lib/shared/assignments/status.ts';
import { readContent } from '../../../src/lib/content/content-files.ts';
import { itemCatalogOf } from '../../../src/lib/server/assignments/item-catalog.ts';
import { completionOfItem } from '../../../src/lib/server/completion/item.ts';
import { learnerCompletions } from '../../../src/lib/server/completion/read.ts';
import { COMPLETION_STATUSES } from '../../../src/lib/server/completion/status.ts';
import {
  pauseSummariesStatement,
  summaryRebuildStatements,
} from '../../../src/lib/server/completion/summaries.ts';
import { mulberry32 } from '../../../src/lib/server/labs/datasets/random.ts';
import { loadTeamMatrix } from '../../../src/lib/server/reports/team-report.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { ORIGIN, insertPeople, insertTeam } from '../../helpers/manage.ts';

/**
 * The team matrix reads completion from per-learner packed summaries into typed arrays for speed;
 * on the same rows it must agree, cell by cell, with the completion module's rules applied to the
 * rows read one by one. The rows are written straight into the table, so the summaries are the
 * ones its triggers keep.
 */

const catalog = itemCatalogOf(readContent());
const context = {
  origin: ORIGIN,
  now: Date.parse('2026-06-15T12:00:00Z'),
  timeZone: 'America/Chicago',
};
let db: Database;
let cleanup: () => void;
let teamId: string;
let learnerIds: string[];

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  const random = mulberry32(1547);
  const people = await insertPeople(
    db,
    Array.from({ length: 40 }, (_, index) => ({ displayName: `Learner ${index}` })),
  );
  const [manager] = await insertPeople(db, [{ displayName: 'Manager', role: 'manager' }]);
  learnerIds = people.map((person) => person.id);
  const team = await insertTeam(db, 'rules', people, [manager!]);
  teamId = team.id;
  const courses = [...catalog.courses.keys()].slice(0, 5);
  const track = catalog.tracks.find((entry) => entry.courses.length > 1)!;
  const scenarios = [...catalog.scenarios.keys()].slice(0, 2);
  const items = [
    ...courses.map((id) => ({ itemType: 'course' as const, itemId: id })),
    { itemType: 'track' as const, itemId: track.slug },
    ...scenarios.map((id) => ({ itemType: 'scenario' as const, itemId: id })),
  ];
  await db.insert(assignments).values(
    items.map((item, index) => ({
      id: crypto.randomUUID(),
      ...item,
      teamId,
      userId: null,
      dueDate: '2026-06-20',
      recurrenceMonths: index % 2 ? 12 : null,
      note: '',
      createdBy: manager!.id,
      createdAt: 0,
      archivedAt: null,
    })),
  );
  const activities = [...new Set([...courses, ...track.courses.map((course) => course.slug)])].map(
    (slug) => `${ORIGIN}/courses/${slug}`,
  );
  activities.push(...scenarios.map((id) => `${ORIGIN}/sims/${id}`));
  // Up to three actors per learner and activity (several identities can name one person).
  const rows: unknown[][] = [];
  for (const userId of learnerIds) {
    for (const activity of activities) {
      const actors = Math.floor(random() * 4);
      for (let actor = 0; actor < actors; actor += 1) {
        const status = COMPLETION_STATUSES[Math.floor(random() * COMPLETION_STATUSES.length)]!;
        const isDated = status === 'completed' || status === 'passed' ? random() < 0.9 : false;
        const at = Date.parse('2024-01-01T00:00:00Z') + Math.floor(random() * 900) * 86_400_000;
        rows.push([
          [`account:${ORIGIN} ${userId}`, `mbox:mailto:${userId}@x.example`, `sha1:${userId}`][
            actor
          ],
          activity,
          userId,
          status,
          // Scaled scores run from -1 to 1 in xAPI.
          random() < 0.8 ? Math.round((random() * 2 - 1) * 1000) / 1000 : null,
          isDated ? at : null,
          isDated ? at - 86_400_000 : null,
          crypto.randomUUID(),
        ]);
      }
    }
  }
  for (const row of rows) {
    await db.$client.execute({
      sql: `INSERT INTO completions (actor_key, activity_id, user_id, status, best_score, last_completed_at,
        first_completed_at, last_statement_id, attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0)`,
      args: row as never,
    });
  }
}, 120_000);

afterAll(() => cleanup?.());

/** Checks every cell of the matrix against the rules applied to the learner's rows read one by one. */
async function expectCellsFollowTheRules(withEvidence: boolean): Promise<void> {
  const { matrix } = await loadTeamMatrix(db, teamId, catalog, context, { withEvidence });
  expect(matrix.rows).toHaveLength(learnerIds.length);
  let checked = 0;
  let done = 0;
  for (const row of matrix.rows) {
    const rows = await learnerCompletions(db, row.learner.id);
    matrix.items.forEach((item, column) => {
      const expected = completionOfItem(item, (id) => rows.get(id));
      const cell = row.cellAt(column);
      expect(cell, `${row.learner.displayName} ${item.key}`).not.toBeNull();
      expect({
        completedAt: cell!.completedAt,
        score: cell!.score,
        isInProgress: cell!.isInProgress,
        statementIds: [...cell!.statementIds],
        status: cell!.status.code,
      }).toEqual({
        completedAt: expected.lastCompletedAt,
        score: expected.bestScore,
        isInProgress: expected.isInProgress,
        // Statement ids are read for evidence only.
        statementIds: withEvidence ? [...expected.statementIds] : [],
        status: assignmentStatus({
          dueDate: cell!.assignment.dueDate,
          recurrenceMonths: cell!.assignment.recurrenceMonths,
          lastCompletedAt: expected.lastCompletedAt,
          isInProgress: expected.isInProgress,
          now: context.now,
          timeZone: context.timeZone,
        }).code,
      });
      checked += 1;
      if (expected.lastCompletedAt !== null) done += 1;
    });
  }
  expect(checked).toBe(learnerIds.length * matrix.items.length);
  // The data exercise both sides of the rules.
  expect(done).toBeGreaterThan(checked / 10);
  expect(done).toBeLessThan(checked);
}

const summaries = async () =>
  (
    await db.$client.execute(
      'SELECT user_id, hex(packed) AS packed, evidence FROM completion_summaries ORDER BY user_id',
    )
  ).rows.map((row) => ({ ...row }));

describe('the packed team matrix', () => {
  test('gives every cell the status, completion time and score the completion module gives', async () => {
    await expectCellsFollowTheRules(true);
    await expectCellsFollowTheRules(false);
  });

  test('still does after rows change, move to another learner and go, and a bulk rebuild of the summaries gives the same', async () => {
    const random = mulberry32(2203);
    const all = await db.$client.execute('SELECT actor_key, activity_id FROM completions');
    const pick = () => all.rows[Math.floor(random() * all.rows.length)]!;
    for (let change = 0; change < 60; change += 1) {
      const row = pick();
      const key = [row['actor_key'], row['activity_id']] as [string, string];
      const kind = change % 3;
      if (kind === 0) {
        await db.$client.execute({
          sql: `UPDATE completions SET status = 'passed', best_score = ?, last_completed_at = ?
            WHERE actor_key = ? AND activity_id = ?`,
          args: [Math.round(random() * 1000) / 1000, context.now - change * 86_400_000, ...key],
        });
      } else if (kind === 1) {
        await db.$client.execute({
          sql: 'UPDATE completions SET user_id = ? WHERE actor_key = ? AND activity_id = ?',
          args: [learnerIds[change % learnerIds.length]!, ...key],
        });
      } else {
        await db.$client.execute({
          sql: 'DELETE FROM completions WHERE actor_key = ? AND activity_id = ?',
          args: key,
        });
      }
    }
    await expectCellsFollowTheRules(true);
    const kept = await summaries();
    expect(kept).toHaveLength(learnerIds.length);
    await db.$client.batch(
      [pauseSummariesStatement(context.now), ...summaryRebuildStatements()],
      'write',
    );
    expect(await summaries()).toEqual(kept);
  });
});
