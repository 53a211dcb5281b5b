import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { statements } from '../../../db/schema.ts';
import { loadLog } from '../../../src/lib/server/exercises/event-log.ts';
import { insertExercise } from '../../../src/lib/server/exercises/exercise.ts';
import { contentScenario } from '../../helpers/content.ts';
import {
  applyEntry,
  createExerciseState,
  replayExercise,
  type ExerciseRole,
} from '../../../src/sim/index.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addUser, signInAs } from '../../helpers/people.ts';
import {
  connectParticipant,
  upgradeStatus,
  type TestParticipant,
} from '../../helpers/exercise-client.ts';

const ROLES: ExerciseRole[] = ['authority', 'field', 'analyst'];
const found = contentScenario('joint-isolate-t1');
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

async function assemble(): Promise<{
  exerciseId: string;
  cookies: Record<ExerciseRole | 'manager', string>;
  clients: Record<'authority' | 'field' | 'analyst', TestParticipant>;
}> {
  const manager = await addUser(db, { role: 'manager', displayName: 'Ines Instructor' });
  const cookies = { manager: await signInAs(db, manager.id) } as Record<
    ExerciseRole | 'manager',
    string
  >;
  const ids = {} as Record<ExerciseRole, string>;
  for (const role of [...ROLES, 'observer'] as ExerciseRole[]) {
    const user = await addUser(db, { displayName: `Test ${role}` });
    ids[role] = user.id;
    cookies[role] = await signInAs(db, user.id);
  }
  const { id } = await insertExercise(db, {
    scenarioId: found.scenario.id,
    createdBy: manager.id,
    participants: [...ROLES, 'observer' as const].map((role) => ({ userId: ids[role], role })),
  });
  const clients = {} as Record<'authority' | 'field' | 'analyst', TestParticipant>;
  for (const role of ['authority', 'field', 'analyst'] as const)
    clients[role] = connectParticipant(server.url, id, cookies[role]);
  for (const role of ['authority', 'field', 'analyst'] as const)
    await clients[role].waitFor(() => clients[role].entries.length >= 3, `${role} sees the joins`);
  return { exerciseId: id, cookies, clients };
}

describe('instructor console over WebSockets', () => {
  test('the console socket opens for a manager or the observer seat, from our own pages only', async () => {
    const team = await assemble();
    const url = `${server.url.replace('http', 'ws')}/exercises/${team.exerciseId}/console/live`;
    expect(await upgradeStatus(url, null, server.url)).toBe(401);
    expect(await upgradeStatus(url, team.cookies.manager, 'https://attacker.example')).toBe(403);
    expect(await upgradeStatus(url, team.cookies.field, server.url)).toBe(403);
    expect(await upgradeStatus(url, team.cookies.manager, server.url)).toBe(101);
    expect(await upgradeStatus(url, team.cookies.observer, server.url)).toBe(101);
    for (const client of Object.values(team.clients)) client.connection.close();
  });

  test('injects, pauses, private messages and notes are logged, shown to the right people, told to the LRS, and replay exactly', async () => {
    const team = await assemble();
    const { authority, field } = team.clients;
    const console_ = connectParticipant(
      server.url,
      team.exerciseId,
      team.cookies.manager,
      'console/live',
    );
    await console_.waitFor(() => console_.status() === 'online', 'console online');
    const asConsole = (command: Parameters<typeof console_.connection.send>[0], id: string) =>
      console_.connection.send(command, id);

    expect(
      await authority.connection.send(
        { kind: 'act', action: { type: 'operate', device: '52-BT', position: 'closed' } },
        'tie',
      ),
    ).toMatchObject({ ok: true });
    expect(
      await asConsole({ kind: 'inject', inject: 'breaker-fails-to-open' }, 'i1'),
    ).toMatchObject({ ok: true });
    expect(
      await asConsole({ kind: 'inject', inject: 'breaker-fails-to-open' }, 'i2'),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('already injected') });
    const trip = await authority.connection.send(
      { kind: 'act', action: { type: 'operate', device: '52-T1L', position: 'open' } },
      'trip',
    );
    expect(trip.ok).toBe(true);

    expect(await asConsole({ kind: 'pause', text: 'Talk it through' }, 'p1')).toMatchObject({
      ok: true,
    });
    const held = await authority.connection.send(
      { kind: 'burst', severity: 'info', text: 'hello' },
      'held',
    );
    expect(held).toMatchObject({ ok: false, reason: expect.stringContaining('paused') });
    expect(
      await asConsole({ kind: 'message', to: 'field', text: 'Be ready for a local trip.' }, 'm1'),
    ).toMatchObject({ ok: true });
    expect(
      await asConsole({ kind: 'note', text: 'Authority stopped at once.' }, 'n1'),
    ).toMatchObject({ ok: true });
    expect(await asConsole({ kind: 'resume' }, 'r1')).toMatchObject({ ok: true });

    // A participant cannot send instructor commands, nor the console participant commands.
    expect(await field.connection.send({ kind: 'resume' }, 'sneaky')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('console'),
    });
    expect(
      await console_.connection.send({ kind: 'burst', severity: 'info', text: 'x' }, 'c-burst'),
    ).toMatchObject({ ok: false });

    const last = (await loadLog(db, team.exerciseId)).length;
    await field.waitFor(() => field.entries.length === last, 'field caught up');
    await authority.waitFor(() => authority.entries.length === last, 'authority caught up');
    const textOf = (client: TestParticipant, kind: string) =>
      client.entries
        .filter((e) => e.command.kind === kind)
        .map((e) => ('text' in e.command ? e.command.text : ''));
    expect(textOf(field, 'message')).toEqual(['Be ready for a local trip.']);
    expect(textOf(authority, 'message')).toEqual(['(private message)']);
    expect(textOf(field, 'note')).toEqual(['(instructor note)']);
    expect(textOf(console_, 'note')).toEqual(['Authority stopped at once.']);

    // What the console built live is what the stored log replays to.
    let live = createExerciseState(found.substation, found.scenario);
    for (const entry of console_.entries) live = applyEntry(live, entry);
    const replayed = replayExercise(
      found.substation,
      found.scenario,
      await loadLog(db, team.exerciseId),
    );
    expect(replayed.ok).toBe(true);
    if (replayed.ok) expect(replayed.state).toEqual(live);
    expect(live.simEvents.map((e) => e.code)).toContain('breaker-failed-to-open');
    expect(live.sim.positions['52-T1L']).toBe('closed');

    const rows = await db
      .select()
      .from(statements)
      .where(eq(statements.registration, team.exerciseId));
    const told = rows.map(
      (r) =>
        JSON.parse(r.body) as {
          verb: { id: string };
          actor: { name: string };
          result?: { response?: string };
        },
    );
    const byInstructor = told.filter((s) => s.actor.name === 'Ines Instructor');
    expect(byInstructor.map((s) => s.verb.id.split('/').at(-1)).sort()).toEqual([
      'commented',
      'injected',
      'paused',
      'resumed',
    ]);
    expect(byInstructor.find((s) => s.verb.id.endsWith('injected'))?.result?.response).toBe(
      '52-T1L fails to open from SCADA',
    );

    expect(await asConsole({ kind: 'end' }, 'e1')).toMatchObject({ ok: true });
    await field.waitFor(() => field.frames.some((f) => f.type === 'scored'), 'scored');
    const ended = await db
      .select()
      .from(statements)
      .where(and(eq(statements.registration, team.exerciseId)));
    expect(ended.length).toBeGreaterThan(rows.length);
    expect(await asConsole({ kind: 'note', text: 'Debrief done.' }, 'n2')).toMatchObject({
      ok: true,
    });
    for (const client of [...Object.values(team.clients), console_]) client.connection.close();
  });
});
