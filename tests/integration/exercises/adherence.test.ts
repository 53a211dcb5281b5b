import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { assignments } from '../../../db/schema.ts';
import { insertExercise } from '../../../src/lib/server/exercises/exercise.ts';
import { contentScenario } from '../../helpers/content.ts';
import type { ExerciseRole } from '../../../src/sim/index.ts';
import { connectParticipant, type TestParticipant } from '../../helpers/exercise-client.ts';
import { scriptOrder } from '../../helpers/exercise-script.ts';
import { signInOverHttp } from '../../helpers/http.ts';
import { insertTeam } from '../../helpers/manage.ts';
import { addUser, signInAs, TEST_PASSWORD } from '../../helpers/people.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

const ROLES: ExerciseRole[] = ['authority', 'field', 'analyst'];
const scenario = contentScenario('joint-isolate-t1').scenario;
/** Twelve calendar months and a few days on from now. */
const A_YEAR_ON_MS = 370 * 24 * 60 * 60 * 1000;
let server: TestServer;
let db: Database;

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

async function page(base: string, cookie: string, path: string): Promise<string> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
}

describe('COM-002 adherence evidence', () => {
  test('the matrix, its CSV and the evidence show each participant’s assessment with its date, and a year on it has expired', async () => {
    const manager = await addUser(db, {
      role: 'manager',
      email: `mgr-${Date.now()}@utility.example`,
    });
    const people = {} as Record<ExerciseRole, { id: string; cookie: string }>;
    for (const role of ROLES) {
      const user = await addUser(db, { displayName: `Crew ${role}` });
      people[role] = { id: user.id, cookie: await signInAs(db, user.id) };
    }
    const team = await insertTeam(
      db,
      `crew-${Date.now()}`,
      ROLES.map((r) => people[r]),
      [manager],
    );
    // The assignable item: the joint scenario, assessed every 12 months (recurring like CIP-004).
    await db.insert(assignments).values({
      id: crypto.randomUUID(),
      itemType: 'scenario',
      itemId: scenario.id,
      teamId: team.id,
      userId: null,
      dueDate: '2099-12-31',
      recurrenceMonths: 12,
      note: 'COM-002 adherence assessment',
      createdBy: manager.id,
      createdAt: Date.now(),
      archivedAt: null,
    });
    const { id } = await insertExercise(db, {
      scenarioId: scenario.id,
      createdBy: manager.id,
      participants: ROLES.map((role) => ({ userId: people[role].id, role })),
    });
    const clients = {} as Record<ExerciseRole, TestParticipant>;
    for (const role of ROLES)
      clients[role] = connectParticipant(server.url, id, people[role].cookie);
    for (const role of ROLES)
      await clients[role].waitFor(() => clients[role].entries.length >= 3, `${role} joined`);
    const script = scriptOrder(scenario, 4, { actBeforeConfirmation: 'open-t1-lv-disconnector' });
    for (const [index, { role, command }] of script.entries()) {
      const outcome = await clients[role].connection.send(command, `s${index}`);
      if (!outcome.ok) throw new Error(`step ${index} refused: ${outcome.reason}`);
    }
    await clients.field.waitFor(
      () => clients.field.frames.some((f) => f.type === 'scored'),
      'scored',
    );
    for (const role of ROLES) clients[role].connection.close();

    const cookie = await signInOverHttp(server.url, manager.email, TEST_PASSWORD);
    const today = new Date().toISOString().slice(0, 10);
    const html = await page(server.url, cookie, `/manage/teams/${team.slug}`);
    const cell = (userId: string) =>
      new RegExp(
        `data-learner="${userId}"[\\s\\S]*?data-adherence="([a-z]+)"[\\s\\S]*?Assessed ([0-9-]+) · (\\d+)% ·\\s*(\\d+) breach`,
      ).exec(html);
    expect(cell(people.authority.id)?.slice(1)).toEqual(['current', today, '100', '0']);
    expect(cell(people.field.id)?.slice(1)).toEqual(['current', today, '90', '1']);
    const csv = await page(server.url, cookie, `/manage/teams/${team.slug}/matrix.csv`);
    expect(csv.split('\r\n')[0]).toContain('COM-002 adherence: status');
    expect(csv).toContain(`Current,${today},`);
    const evidence = await page(server.url, cookie, `/manage/teams/${team.slug}/evidence.csv`);
    expect(evidence).toContain(`COM-002 protocol adherence (joint exercise),Joint exercise,${id}`);

    // A year on, by the server's clock, the same assessment has lapsed.
    await server.stop();
    const later = await startServer({
      DATABASE_URL: server.databaseUrl,
      SWITCHYARD_CLOCK_OFFSET_MS: String(A_YEAR_ON_MS),
    });
    try {
      const again = await signInOverHttp(later.url, manager.email, TEST_PASSWORD);
      const expired = await page(later.url, again, `/manage/teams/${team.slug}`);
      expect(expired).toMatch(
        new RegExp(`data-learner="${people.field.id}"[\\s\\S]*?data-adherence="expired"`),
      );
      expect(expired).toContain(`Assessed ${today}`);
      const laterCsv = await page(later.url, again, `/manage/teams/${team.slug}/matrix.csv`);
      expect(laterCsv).toContain(`Expired,${today},`);
      expect(laterCsv).not.toContain(`Current,${today},`);
    } finally {
      await later.stop();
      await server.restart();
    }
  }, 180_000);
});
