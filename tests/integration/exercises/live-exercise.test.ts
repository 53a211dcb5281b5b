import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { completions, exerciseEvents, statements } from '../../../db/schema.ts';
import { insertExercise } from '../../../src/lib/server/exercises/exercise.ts';
import { contentScenario } from '../../helpers/content.ts';
import type { ExerciseRole } from '../../../src/sim/index.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import {
  connectParticipant,
  openSocket,
  upgradeStatus,
  type TestParticipant,
} from '../../helpers/exercise-client.ts';
import { scriptOrder, type ScriptMistakes } from '../../helpers/exercise-script.ts';

const ROLES: ExerciseRole[] = ['authority', 'field', 'analyst'];
const scenario = contentScenario('joint-isolate-t1').scenario;
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

interface Team {
  exerciseId: string;
  users: Record<ExerciseRole, { id: string; cookie: string }>;
  clients: Record<ExerciseRole, TestParticipant>;
}

async function assembleTeam(): Promise<Team> {
  const manager = await addUser(db, { role: 'manager' });
  const users = {} as Team['users'];
  for (const role of ROLES) {
    const user = await addUser(db, { displayName: `Test ${role}` });
    users[role] = { id: user.id, cookie: await signInAs(db, user.id) };
  }
  const { id } = await insertExercise(db, {
    scenarioId: scenario.id,
    createdBy: manager.id,
    participants: ROLES.map((role) => ({ userId: users[role].id, role })),
  });
  const clients = {} as Team['clients'];
  for (const role of ROLES) clients[role] = connectParticipant(server.url, id, users[role].cookie);
  for (const role of ROLES)
    await clients[role].waitFor(
      () => clients[role].entries.length >= 3,
      `${role} sees three joins`,
    );
  return { exerciseId: id, users, clients };
}

async function play(
  team: Team,
  mistakes: ScriptMistakes = {},
  from = 0,
  to = Infinity,
): Promise<void> {
  const script = scriptOrder(scenario, 4, mistakes);
  for (const [index, { role, command }] of script.entries()) {
    if (index < from || index >= to) continue;
    const outcome = await team.clients[role].connection.send(command, `step-${index}`);
    if (!outcome.ok)
      throw new Error(`step ${index} (${role} ${command.kind}) refused: ${outcome.reason}`);
  }
}

function close(team: Team): void {
  for (const role of ROLES) team.clients[role].connection.close();
}

describe('live joint exercise over WebSockets', () => {
  test('an upgrade without a session, with a foreign Origin or without a role is refused', async () => {
    const team = await assembleTeam();
    const url = `${server.url.replace('http', 'ws')}/exercises/${team.exerciseId}/live`;
    const outsider = await addUser(db);
    expect(await upgradeStatus(url, null, server.url)).toBe(401);
    expect(await upgradeStatus(url, team.users.field.cookie, 'https://attacker.example')).toBe(403);
    expect(await upgradeStatus(url, team.users.field.cookie, 'null')).toBe(403);
    expect(await upgradeStatus(url, await signInAs(db, outsider.id), server.url)).toBe(403);
    expect(await upgradeStatus(url, team.users.field.cookie, server.url)).toBe(101);
    close(team);
  });

  test('three participants complete the joint isolation; each gets a verified passing verdict', async () => {
    const team = await assembleTeam();
    await play(team);
    for (const role of ROLES) {
      const client = team.clients[role];
      await client.waitFor(() => client.frames.some((f) => f.type === 'scored'), `${role} score`);
    }
    const scored = team.clients.field.frames.find((f) => f.type === 'scored');
    if (scored?.type !== 'scored') throw new Error('no score');
    expect(scored.score.team.findings).toEqual([]);
    expect(scored.score.participants.every((p) => p.passed)).toBe(true);
    const lengths = ROLES.map((role) => team.clients[role].entries.length);
    expect(new Set(lengths).size).toBe(1);
    for (const role of ROLES) {
      const rows = await db
        .select()
        .from(statements)
        .where(eq(statements.registration, team.exerciseId));
      const mine = rows.filter((row) => row.actorKey?.includes(team.users[role].id));
      expect(mine).toHaveLength(1);
      const body = JSON.parse(mine[0]!.body);
      expect(body.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
      expect(body.context.registration).toBe(team.exerciseId);
      expect(body.context.team.member).toHaveLength(3);
      expect(body.authority.account.name).toBe('system');
      const [completion] = await db
        .select()
        .from(completions)
        .where(eq(completions.userId, team.users[role].id));
      expect(completion?.status).toBe('passed');
    }
    close(team);
  });

  test('acting before confirmation and a wrong repeat-back confirmed are named in the scores', async () => {
    const team = await assembleTeam();
    await play(team, {
      actBeforeConfirmation: 'open-t1-hv-disconnector',
      wrongRepeatBackConfirmed: { step: 'lock-and-tag', target: '52-H2' },
    });
    const field = team.clients.field;
    await field.waitFor(() => field.frames.some((f) => f.type === 'scored'), 'score');
    const scored = field.frames.find((f) => f.type === 'scored');
    if (scored?.type !== 'scored') throw new Error('no score');
    const byRole = Object.fromEntries(scored.score.participants.map((p) => [p.role, p]));
    expect(byRole.field!.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining('opened 89-T1H before instruction'),
    );
    expect(byRole.authority!.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining('52-H2 instead of 52-H1'),
    );
    expect(byRole.analyst!.findings).toEqual([]);
    expect(byRole.field!.score).toBeLessThan(byRole.analyst!.score);
    close(team);
  });

  test('a command outside the sender’s role is refused with the reason', async () => {
    const team = await assembleTeam();
    const outcome = await team.clients.analyst.connection.send({
      kind: 'instruction',
      to: 'field',
      operation: 'open',
      targets: ['89-T1H'],
      time: '10:00',
    });
    expect(outcome).toEqual({
      ok: false,
      reason:
        'only the switching authority issues Operating Instructions; the security analyst cannot',
    });
    const field = await team.clients.field.connection.send({
      kind: 'act',
      action: { type: 'operate', device: '89-T1H', position: 'open', override: false },
    });
    expect(field.ok).toBe(true);
    close(team);
  });

  test('the server is killed mid-exercise: clients reconnect, finish, and the log has no gap or double', async () => {
    const team = await assembleTeam();
    const script = scriptOrder(scenario, 4);
    // Stop just before a report: it is sent while the server is down and waits in the outbox.
    const half = script.findIndex((s, i) => i > script.length / 2 && s.command.kind === 'report');
    await play(team, {}, 0, half);
    const mark = Object.fromEntries(ROLES.map((r) => [r, team.clients[r].frames.length]));
    await server.stop('SIGKILL');
    const pending = play(team, {}, half, half + 1);
    await server.restart();
    await pending;
    for (const role of ROLES) {
      const client = team.clients[role];
      await client.waitFor(
        () =>
          client.status() === 'online' &&
          client.frames
            .slice(mark[role])
            .some((f) => f.type === 'presence' && f.connected.length === 3),
        `${role} back online with everyone`,
      );
    }
    await play(team, {}, half + 1);
    for (const role of ROLES) {
      const client = team.clients[role];
      await client.waitFor(() => client.frames.some((f) => f.type === 'scored'), `${role} score`);
    }
    const rows = await db
      .select()
      .from(exerciseEvents)
      .where(eq(exerciseEvents.exerciseId, team.exerciseId))
      .orderBy(asc(exerciseEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const ids = rows.map((r) => `${r.userId}:${r.clientEventId}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.filter((r) => r.clientEventId.startsWith('step-'))).toHaveLength(script.length);
    for (const role of ROLES) {
      expect(team.clients[role].entries.map((e) => e.seq)).toEqual(rows.map((r) => r.seq));
    }
    close(team);
    // A restart and three reconnections take a while on a loaded machine.
  }, 120_000);

  test('10,000 malformed frames do not crash the server or disturb the exercise', async () => {
    const team = await assembleTeam();
    const url = `${server.url.replace('http', 'ws')}/exercises/${team.exerciseId}/live`;
    const junk = [
      'not json',
      '{}',
      '{"type":"submit"}',
      '{"type":"submit","id":"x","command":{"kind":"act","action":{"type":"operate"}}}',
      '{"type":"hello","after":-1}',
      JSON.stringify({ type: 'submit', id: 'y'.repeat(100), command: { kind: 'finish' } }),
      '[1,2,3]',
      'null',
    ];
    let sent = 0;
    while (sent < 10_000) {
      const socket = openSocket(url, team.users.analyst.cookie, server.url);
      await new Promise<void>((resolve) => {
        socket.on('open', () => {
          for (let i = 0; i < 90 && sent < 10_000; i++, sent++)
            socket.send(junk[sent % junk.length]!);
          socket.send(Buffer.alloc(16 * 1024, 1));
          sent++;
        });
        socket.on('close', () => resolve());
        socket.on('error', () => undefined);
      });
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const before = (
      await db.select().from(exerciseEvents).where(eq(exerciseEvents.exerciseId, team.exerciseId))
    ).length;
    expect(before).toBe(3);
    await play(team, {}, 0, 3);
    const after = await db
      .select()
      .from(exerciseEvents)
      .where(and(eq(exerciseEvents.exerciseId, team.exerciseId)));
    expect(after).toHaveLength(6);
    close(team);
    // 112 connections with 10,000 frames take a while on a loaded machine.
  }, 120_000);
});
