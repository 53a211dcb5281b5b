// Live exercise benchmark: `npm run bench -- exercise`.
// Targets: with 50 concurrent exercises of 3 participants, an accepted action reaches every
// participant in p95 <= 50 ms; replay of a 500-entry exercise log <= 20 ms; the scenario page's
// initial JavaScript <= 345 KB gzip, with the exercise client only on exercise pages.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import { openDatabase } from '../../db/client.ts';
import { insertExercise } from '../../src/lib/server/exercises/exercise.ts';
import { contentScenario } from '../helpers/content.ts';
import { replayExercise, type ExerciseEntry, type ExerciseRole } from '../../src/sim/index.ts';
import { scriptOrder } from '../helpers/exercise-script.ts';
import { addUser, signInAs } from '../helpers/people.ts';
import { startServer } from '../helpers/server.ts';
import { anyContains, measureOnDemand, measurePageJs } from './page-js.ts';

const EXERCISES = 50;
const ACTIONS_PER_EXERCISE = 30;
const ROLES: ExerciseRole[] = ['authority', 'field', 'analyst'];
const found = contentScenario('joint-isolate-t1');
const { scenario, substation } = found;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

// Replay: the whole joint order with three-part communication, then SCADA churn and bursts.
const log: ExerciseEntry[] = [];
const add = (role: ExerciseRole, command: ExerciseEntry['command']): void => {
  log.push({
    seq: log.length + 1,
    clientEventId: `c${log.length}`,
    userId: role,
    role,
    at: log.length * 1000,
    command,
  });
};
for (const role of ROLES) add(role, { kind: 'join', name: role });
const script = scriptOrder(scenario, 4);
for (const { role, command } of script.slice(0, -1)) add(role, command);
let closed = true;
while (log.length < 500) {
  if (log.length % 5 === 0)
    add('analyst', { kind: 'burst', severity: 'info', text: 'All quiet on SW1' });
  else {
    add('authority', {
      kind: 'act',
      action: { type: 'operate', device: '52-F3', position: closed ? 'open' : 'closed' },
    });
    closed = !closed;
  }
}
// The first replay in a fresh process also compiles the engine; a server that rebuilds an
// exercise after a restart pays it once. Then 50 timed replays after 10 untimed ones.
const replay = (): number => {
  const started = performance.now();
  const result = replayExercise(substation, scenario, log);
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(`replay failed at ${result.index}: ${result.reason}`);
  return elapsed;
};
const coldReplay = replay();
for (let run = 0; run < 10; run++) replay();
const replayTimes = Array.from({ length: 50 }, replay);
console.log(`load average before the run: ${loadavg()[0]?.toFixed(1)} (2 cores)`);
console.log(
  `replay of a ${log.length}-entry exercise log: median ${percentile(replayTimes, 50).toFixed(2)} ms, p95 ${percentile(replayTimes, 95).toFixed(2)} ms, max ${Math.max(...replayTimes).toFixed(2)} ms (target <= 20 ms); first replay in a fresh process ${coldReplay.toFixed(1)} ms`,
);

// Live fan-out through the real server over real WebSockets.
const server = await startServer();
const db = await openDatabase({ url: server.databaseUrl });
const wsUrl = server.url.replace('http', 'ws');
const manager = await addUser(db, { role: 'manager' });
interface Seat {
  socket: WebSocket;
  role: ExerciseRole;
}
const sentAt = new Map<string, number>();
const latencies: number[] = [];
const rooms: { seats: Seat[]; ready: Promise<void>[] }[] = [];
for (let e = 0; e < EXERCISES; e++) {
  const people = [];
  for (const role of ROLES) {
    const user = await addUser(db, { displayName: `Bench ${e} ${role}` });
    people.push({ role, cookie: await signInAs(db, user.id), id: user.id });
  }
  const { id } = await insertExercise(db, {
    scenarioId: scenario.id,
    createdBy: manager.id,
    participants: people.map((p) => ({ userId: p.id, role: p.role })),
  });
  const seats: Seat[] = [];
  const ready: Promise<void>[] = [];
  for (const person of people) {
    const socket = new WebSocket(`${wsUrl}/exercises/${id}/live`, {
      headers: { origin: server.url, cookie: `switchyard_session=${person.cookie}` },
    });
    ready.push(
      new Promise((resolve, reject) => {
        socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', after: 0 })));
        socket.on('error', reject);
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { type: string; entry?: ExerciseEntry };
          if (frame.type === 'ready') resolve();
          if (frame.type === 'entry' && frame.entry?.command.kind === 'act') {
            const start = sentAt.get(`${id}:${frame.entry.clientEventId}`);
            if (start !== undefined) latencies.push(performance.now() - start);
          }
        });
      }),
    );
    seats.push({ socket, role: person.role });
  }
  rooms.push({ seats, ready });
  Object.assign(rooms[rooms.length - 1]!, {
    id,
    cookies: Object.fromEntries(people.map((p) => [p.role, p.cookie])),
  });
}
await Promise.all(rooms.flatMap((room) => room.ready));

/** CPU time (user + system) the server process has used, in ms. */
const serverCpuMs = (): number => {
  const fields =
    readFileSync(`/proc/${server.pid()}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
const cpuBefore = serverCpuMs();
const started = performance.now();
await Promise.all(
  rooms.map(async (room) => {
    const id = (room as unknown as { id: string }).id;
    const authority = room.seats.find((s) => s.role === 'authority')!.socket;
    for (let i = 0; i < ACTIONS_PER_EXERCISE; i++) {
      const eventId = `bench-${i}`;
      const accepted = new Promise<void>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const frame = JSON.parse(String(data)) as { type: string; id?: string };
          if ((frame.type === 'accepted' || frame.type === 'refused') && frame.id === eventId) {
            authority.off('message', onMessage);
            resolve();
          }
        };
        authority.on('message', onMessage);
      });
      sentAt.set(`${id}:${eventId}`, performance.now());
      const position = i % 2 === 0 ? 'closed' : 'open';
      authority.send(
        JSON.stringify({
          type: 'submit',
          id: eventId,
          command: { kind: 'act', action: { type: 'operate', device: '52-BT', position } },
        }),
      );
      await accepted;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const cpuPerAction = (serverCpuMs() - cpuBefore) / (EXERCISES * ACTIONS_PER_EXERCISE);
const expected = EXERCISES * ACTIONS_PER_EXERCISE * ROLES.length;
// Give the last deliveries a moment to arrive.
const deadline = Date.now() + 5000;
while (latencies.length < expected && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 50));
console.log(
  `${EXERCISES} exercises x ${ROLES.length} participants, ${EXERCISES * ACTIONS_PER_EXERCISE} actions in ${elapsed.toFixed(1)} s (${((EXERCISES * ACTIONS_PER_EXERCISE) / elapsed).toFixed(0)} actions/s); ${latencies.length} of ${expected} deliveries`,
);
console.log(
  `accepted action -> every participant: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (target p95 <= 50 ms)`,
);
console.log(
  `server CPU per accepted action (validate, apply, log, send to 3): ${cpuPerAction.toFixed(2)} ms; load average now ${loadavg()[0]?.toFixed(1)}`,
);

// Initial JavaScript: the single-player scenario page, the exercises list and both kinds of
// exercise page (the 2D control room and the 3D yard, whose scene loads on demand).
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const exerciseClient = /Repeat back instruction|\/live`/;
const anyone = await signInAs(db, manager.id);
const scenarioPage = await measurePageJs(
  `${server.url}/sims/isolate-t1`,
  `switchyard_session=${anyone}`,
);
console.log(
  `scenario page /sims/isolate-t1 initial JavaScript: ${kb(scenarioPage.initialBytes)} gzip in ${scenarioPage.initial.length} files (target <= 345 KB); exercise client in it: ${anyContains(scenarioPage, scenarioPage.initial, exerciseClient) ? 'YES' : 'no'}`,
);
const list = await measurePageJs(`${server.url}/exercises`, `switchyard_session=${anyone}`);
console.log(`exercises page /exercises initial JavaScript: ${kb(list.initialBytes)} gzip`);
const first = rooms[0] as unknown as { id: string; cookies: Record<ExerciseRole, string> };
for (const [role, view] of [
  ['authority', 'control room, 2D'],
  ['field', 'yard, 3D'],
] as const) {
  const page = await measurePageJs(
    `${server.url}/exercises/${first.id}`,
    `switchyard_session=${first.cookies[role]}`,
  );
  const scene = page.lazy.find((url) => /\/SimScene\.[^/]*\.js$/.test(url));
  const sceneBytes = scene === undefined ? null : await measureOnDemand(page, scene);
  console.log(
    `exercise page (${view}) initial JavaScript: ${kb(page.initialBytes)} gzip in ${page.initial.length} files${sceneBytes === null ? '' : `; the 3D scene loads on demand: ${kb(sceneBytes)} gzip more`}`,
  );
}
for (const room of rooms) for (const seat of room.seats) seat.socket.close();
db.$client.close();
await server.dispose();
