import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { cmi5Api } from '../../helpers/cmi5-api.ts';
import {
  VENDOR,
  courseXml,
  multiAuPackage,
  singleAuPackage,
  zip,
} from '../../helpers/cmi5-packages.ts';
import { runCli } from '../../helpers/http.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addCredential, type Credential } from '../../helpers/xapi.ts';

let server: TestServer;
let db: Database;
let launch: Credential;
let writer: Credential;

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  launch = addCredential(server.databaseUrl, 'launch');
  writer = addCredential(server.databaseUrl, 'write');
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
});

const count = async (table: string) =>
  Number((await db.$client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.['n']);

describe('POST /api/cmi5/courses', () => {
  test('needs a credential of scope launch', async () => {
    const none = await fetch(`${server.url}/api/cmi5/courses`, { method: 'POST', body: 'x' });
    expect(none.status).toBe(401);
    const wrong = await cmi5Api(server.url, writer, 'POST', '/api/cmi5/courses', singleAuPackage());
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).message).toMatch(/needs "launch"/);
  });

  test('imports a zip package: 201 with its id, listed in the catalogue with its publisher', async () => {
    const response = await cmi5Api(
      server.url,
      launch,
      'POST',
      '/api/cmi5/courses?publisher=Grid%20Vendor%20Ltd',
      multiAuPackage(),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; version: number };
    expect(body).toEqual({ id: 'switching-practice', version: 1 });
    const catalogue = await (await fetch(`${server.url}/courses`)).text();
    expect(catalogue).toContain('Switching Practice');
    expect(catalogue).toContain('Imported cmi5 course');
    const page = await (await fetch(`${server.url}/courses/${body.id}`)).text();
    expect(page).toContain('Publisher: Grid Vendor Ltd');
    for (const text of [
      'Theory',
      'Isolation',
      'Switching orders',
      'Final check',
      'Done when: completed and passed',
      'Pass mark 80%',
      'Done when: nothing required',
    ]) {
      expect(page).toContain(text);
    }
  });

  test('refuses an invalid package with 400, the rule and nothing stored', async () => {
    const before = await count('cmi5_course_versions');
    const response = await cmi5Api(
      server.url,
      launch,
      'POST',
      '/api/cmi5/courses',
      courseXml({ id: `${VENDOR}/courses/bad`, title: 'Bad' }, [
        { id: `${VENDOR}/aus/1`, title: 'A', url: 'au/index.html' },
      ]),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; requirement: string };
    expect(body.requirement).toMatch(/cmi5 14\.2/);
    expect(body.message).toMatch(
      /cmi5\.xml, <au id="https:\/\/vendor\.example\/cmi5\/aus\/1"> <url>/,
    );
    expect(await count('cmi5_course_versions')).toBe(before);
  });

  test('refuses a package over the declared limit with 413 while reading', async () => {
    const response = await fetch(`${server.url}/api/cmi5/courses`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${launch.key}:${launch.secret}`).toString('base64')}`,
        'Content-Type': 'application/zip',
      },
      body: new Uint8Array(65 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { message?: string; error?: string };
    expect(body.message ?? body.error).toMatch(/larger than( the)? 64 MB/);
  });

  test('re-importing the same course id makes a new version under the same id', async () => {
    const response = await cmi5Api(
      server.url,
      launch,
      'POST',
      '/api/cmi5/courses',
      multiAuPackage('Switching Practice, revised'),
    );
    expect(await response.json()).toEqual({ id: 'switching-practice', version: 2 });
    const page = await (await fetch(`${server.url}/courses/switching-practice`)).text();
    expect(page).toContain('Switching Practice, revised');
    expect(page).toContain('Version 2');
  });
});

describe('package files', () => {
  test('are served from the database with the sandbox policy', async () => {
    const row = (
      await db.$client.execute(
        "SELECT current_version_id AS v FROM cmi5_courses WHERE id = 'switching-practice'",
      )
    ).rows[0];
    const response = await fetch(`${server.url}/cmi5/content/${String(row?.['v'])}/au/index.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(
      /^sandbox allow-scripts allow-forms allow-popups/,
    );
    const missing = await fetch(`${server.url}/cmi5/content/${String(row?.['v'])}/au/none.html`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toMatch(/^sandbox/);
  });
});

describe('DELETE /api/cmi5/courses/<id>', () => {
  test('withdraws the course from the catalogue; a second delete is 404', async () => {
    const response = await cmi5Api(
      server.url,
      launch,
      'DELETE',
      '/api/cmi5/courses/switching-practice',
    );
    expect(response.status).toBe(204);
    expect(await (await fetch(`${server.url}/courses`)).text()).not.toContain('Switching Practice');
    expect((await fetch(`${server.url}/courses/switching-practice`)).status).toBe(404);
    expect(
      (await cmi5Api(server.url, launch, 'DELETE', '/api/cmi5/courses/switching-practice')).status,
    ).toBe(404);
  });
});

// Last: the CLI runs synchronously, which would leave idle HTTP sockets stale for later calls.
describe('switchyard cmi5 import', () => {
  test('imports a file and prints its id; refuses a bad one with the rule and exit code 1', () => {
    const file = join(server.dir, 'arc.zip');
    writeFileSync(file, singleAuPackage('Arc Flash CLI'));
    const ok = runCli(server.databaseUrl, ['cmi5', 'import', file, '--publisher', 'Vendor']);
    expect(ok.stdout).toMatch(/^id=arc-flash-cli$/m);
    const bad = join(server.dir, 'bad.zip');
    writeFileSync(bad, zip({ 'readme.txt': 'no structure' }));
    const refused = runCli(server.databaseUrl, ['cmi5', 'import', bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/holds no cmi5\.xml.*rule: cmi5 14\.1/);
  });
});
