import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { postForm, runCli, signInOverHttp } from '../../helpers/http.ts';
import { completeCourse } from '../../helpers/manage.ts';
import { addPersonByCli, type CliPerson } from '../../helpers/people.ts';

const PASSWORD = 'switching order checked twice';
const CIP = 'cip-004-role-based-training';
const TRICKY = 'O\'Brien, Siobhán "Shiv"';
let server: TestServer;
let db: Database;
const cookies: Record<string, string> = {};

function cli(args: string[], input?: string) {
  const result = runCli(server.databaseUrl, args, input);
  if (result.status !== 0) throw new Error(`switchyard ${args.join(' ')}: ${result.stderr}`);
}

function addPerson(email: string, name: string, role: CliPerson['role'], team?: string) {
  addPersonByCli(server.databaseUrl, {
    email,
    name,
    role,
    department: 'ot',
    password: PASSWORD,
    ...(team ? { team } : {}),
  });
}

const get = (path: string, who: string) =>
  fetch(`${server.url}${path}`, { headers: { cookie: cookies[who] ?? '' }, redirect: 'manual' });

beforeAll(async () => {
  server = await startServer();
  addPerson('admin@utility.example', 'Ada Admin', 'admin');
  addPerson('north.manager@utility.example', 'Nora North', 'manager');
  addPerson('south.manager@utility.example', 'Sam South', 'manager');
  cli([
    'team',
    'add',
    '--slug',
    'north-crew',
    '--name',
    'North crew',
    '--kind',
    'ot',
    '--manager',
    'north.manager@utility.example',
  ]);
  cli([
    'team',
    'add',
    '--slug',
    'south-crew',
    '--name',
    'South crew',
    '--kind',
    'ot',
    '--manager',
    'south.manager@utility.example',
  ]);
  addPerson('siobhan@utility.example', TRICKY, 'learner', 'north-crew');
  addPerson('lars@utility.example', 'Lars Sørensen', 'learner', 'north-crew');
  addPerson('south.learner@utility.example', 'Sid Southern', 'learner', 'south-crew');
  for (const [who, email] of [
    ['admin', 'admin@utility.example'],
    ['north', 'north.manager@utility.example'],
    ['south', 'south.manager@utility.example'],
    ['learner', 'lars@utility.example'],
  ] as const) {
    cookies[who] = await signInOverHttp(server.url, email, PASSWORD);
  }
  db = await openDatabase({ url: server.databaseUrl });
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

async function idOf(email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

describe('who may see a team', () => {
  test("a manager gets 403 for another manager's team page, exports and learners", async () => {
    const southLearner = await idOf('south.learner@utility.example');
    for (const path of [
      '/manage/teams/south-crew',
      '/manage/teams/south-crew/matrix.csv',
      '/manage/teams/south-crew/evidence.csv',
      `/manage/learners/${southLearner}`,
    ]) {
      expect((await get(path, 'north')).status, path).toBe(403);
    }
    expect((await get('/manage/teams/north-crew', 'north')).status).toBe(200);
    expect((await get('/manage/teams/no-such-team', 'north')).status).toBe(404);
  });

  test('a manager cannot assign work to another team', async () => {
    const response = await postForm(
      `${server.url}/manage/teams/south-crew`,
      {
        action: 'assign',
        requestId: crypto.randomUUID(),
        item: `course:${CIP}`,
        assignee: 'team',
        dueDate: '2030-01-31',
      },
      { cookie: cookies['north'] ?? '', origin: server.url },
    );
    expect(response.status).toBe(403);
    const page = await (await get('/manage/teams/south-crew', 'south')).text();
    expect(page).toContain('Nothing is assigned to this team yet');
  });

  test('an administrator sees every team; a learner sees none', async () => {
    expect((await get('/manage/teams/south-crew', 'admin')).status).toBe(200);
    expect((await get('/manage/teams/north-crew/evidence.csv', 'admin')).status).toBe(200);
    const overview = await (await get('/manage', 'admin')).text();
    expect(overview).toContain('North crew');
    expect(overview).toContain('South crew');
    expect((await get('/manage', 'learner')).status).toBe(403);
    expect((await get('/manage/teams/north-crew/matrix.csv', 'learner')).status).toBe(403);
  });
});

describe('assigning and exporting over HTTP', () => {
  test('an assignment posted by the form shows in the matrix and in both CSV exports', async () => {
    const response = await postForm(
      `${server.url}/manage/teams/north-crew`,
      {
        action: 'assign',
        requestId: crypto.randomUUID(),
        item: `course:${CIP}`,
        assignee: 'team',
        dueDate: '2030-01-31',
        recurrenceMonths: '15',
        note: 'Before control-room access',
      },
      { cookie: cookies['north'] ?? '', origin: server.url },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/manage/teams/north-crew?notice=assigned');
    const siobhan = await idOf('siobhan@utility.example');
    const { code } = await completeCourse(
      db,
      { id: siobhan, displayName: TRICKY },
      CIP,
      Date.now() - 60_000,
      0.9,
    );

    const page = await (await get('/manage/teams/north-crew', 'north')).text();
    expect(page).toContain('Completed (valid until');
    expect(page).toContain(code);

    const csv = await get('/manage/teams/north-crew/matrix.csv', 'north');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="north-crew-matrix-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await csv.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toContain(`"O'Brien, Siobhán ""Shiv""",siobhan@utility.example,OT,,Completed,`);
    expect(text).toContain(
      'Lars Sørensen,lars@utility.example,OT,,Not started,,,,Not assessed,,,,,\r\n',
    );

    const evidence = await (await get('/manage/teams/north-crew/evidence.csv', 'north')).text();
    expect(evidence.split('\r\n')[0]).toContain(
      'Certificate code,Certificate issued on,Statement ids',
    );
    expect(evidence).toContain(code);
    expect(evidence).toContain('Before control-room access');
  });

  test('filters in the query string narrow the page and the export alike', async () => {
    const page = await (await get('/manage/teams/north-crew?status=completed', 'north')).text();
    expect(page).toContain('Learners by assigned item: 1 learner<');
    expect(page.match(/<tr data-learner=/g)).toHaveLength(1);
    const csv = await (
      await get('/manage/teams/north-crew/matrix.csv?status=not-started', 'north')
    ).text();
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect((await get('/manage/teams/north-crew?status=lost', 'north')).status).toBe(400);
    expect((await get('/manage/teams/north-crew/matrix.csv?sort=age', 'north')).status).toBe(400);
  });

  test('a refused assignment answers 400 with the reason and keeps the form values', async () => {
    const response = await postForm(
      `${server.url}/manage/teams/north-crew`,
      {
        action: 'assign',
        requestId: crypto.randomUUID(),
        item: `course:${CIP}`,
        assignee: 'team',
        dueDate: '2030-02-30',
        note: 'kept',
      },
      { cookie: cookies['north'] ?? '', origin: server.url },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter a due date that exists on the calendar.');
    expect(html).toContain('>kept</textarea>');
  });
});
