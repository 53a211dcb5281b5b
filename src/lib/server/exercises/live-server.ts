import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Database } from '../../../../db/client.ts';
import {
  ClientFrameSchema,
  MAX_FRAME_BYTES,
  exerciseIdFromConsolePath,
  exerciseIdFromPath,
} from '../../shared/exercises/frames.ts';
import { authenticateConsoleUpgrade } from './console-auth.ts';
import type { ServerFrame } from '../../shared/exercises/frames.ts';
import { authenticateUpgrade } from './upgrade-auth.ts';
import { ExerciseRoom } from './room.ts';
import type { RoomClient } from './room.ts';
import { findScenario, type SimCatalog } from '../../content/simulation-catalog.ts';
import { RateLimiter } from './rate-limit.ts';
import type { CourseRequirements } from '../completion/requirements.ts';

/** How often the server pings each socket; one missed pong ends the connection. */
export const HEARTBEAT_MS = 15_000;

/** Options for the live exercise server. */
export interface LiveServerOptions {
  db: Database;
  /** PUBLIC_ORIGIN when set: the only Origin accepted. */
  publicOrigin?: string | undefined;
  heartbeatMs?: number;
  /** The scenarios exercises run (the server passes its `scenarios` collection). */
  simulations: SimCatalog;
  /** The catalogue's course requirements: a verdict completes the courses that require its scenario. */
  courses: readonly CourseRequirements[];
}

/**
 * Serves exercise sockets on an existing HTTP server's upgrade event (the one Astro serves pages
 * on). The upgrade needs a valid session cookie, our own Origin and a role in the exercise.
 */
export function attachLiveExercises(server: Server, options: LiveServerOptions): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const rooms = new Map<string, ExerciseRoom>();
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const consoleId = exerciseIdFromConsolePath(path);
    const exerciseId = consoleId ?? exerciseIdFromPath(path);
    if (exerciseId === null) return refuse(socket, 404, 'No exercise socket here.');
    const authenticated =
      consoleId !== null
        ? authenticateConsoleUpgrade(options.db, request, consoleId, options.publicOrigin).then(
            (auth) => (auth.ok ? { ...auth, role: 'observer' as const, isConsole: true } : auth),
          )
        : authenticateUpgrade(options.db, request, exerciseId, options.publicOrigin).then((auth) =>
            auth.ok ? { ...auth, isConsole: false } : auth,
          );
    authenticated.then(
      (auth) => {
        if (!auth.ok) return refuse(socket, auth.status, auth.message);
        const found = findScenario(options.simulations, auth.scenarioId);
        if (found === null) return refuse(socket, 404, 'The scenario of this exercise is gone.');
        sockets.handleUpgrade(request, socket, head, (ws) => {
          let room = rooms.get(exerciseId);
          if (room === undefined) {
            room = new ExerciseRoom(options.db, exerciseId, found, options.courses);
            rooms.set(exerciseId, room);
          }
          serve(ws, room, auth.user, auth.role, auth.isConsole);
        });
      },
      () => refuse(socket, 503, 'The exercise could not be opened; try again.'),
    );
  };

  const serve = (
    ws: WebSocket,
    room: ExerciseRoom,
    user: { id: string; displayName: string },
    role: RoomClient['role'],
    isConsole: boolean,
  ): void => {
    alive.set(ws, true);
    const limiter = new RateLimiter();
    const client: RoomClient = {
      userId: user.id,
      role,
      isConsole,
      send: (frame: ServerFrame) => {
        if (ws.readyState !== ws.OPEN) return;
        holdWrites(ws);
        ws.send(serialize(frame), { binary: false });
      },
    };
    const refused = (id: string | null, reason: string): void =>
      client.send({ type: 'refused', id, reason });
    const joined = room
      .connect(client, user.displayName)
      .catch(() => ws.close(1011, 'exercise unavailable'));
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!limiter.take()) {
        ws.close(1008, 'too many messages');
        return;
      }
      const frame = isBinary ? null : parseFrame(data);
      if (frame === null || !frame.ok) {
        refused(null, frame?.message ?? 'send JSON text frames');
        return;
      }
      const message = frame.value;
      void joined
        .then(async () => {
          if (message.type === 'hello') return room.resume(client, message.after);
          if (message.type === 'view')
            return room.reportView(client, { mode: message.mode, selected: message.selected });
          if (message.type === 'submit' && isConsole) {
            refused(message.id, 'the console sends instructor commands only');
            return;
          }
          const outcome =
            message.type === 'instruct'
              ? await room.instruct(client, message.id, message.command)
              : await room.submit(client, message.id, message.command);
          if (outcome.ok) client.send({ type: 'accepted', id: message.id, seq: outcome.seq });
          else refused(message.id, outcome.reason);
        })
        .catch(() =>
          refused(
            message.type === 'submit' || message.type === 'instruct' ? message.id : null,
            'not stored; send it again',
          ),
        );
    });
    ws.on('close', () => {
      room.disconnect(client);
      if (room.isEmpty()) rooms.delete(room.id);
    });
    ws.on('error', () => ws.terminate());
  };

  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  server.on('upgrade', onUpgrade);
  return () => {
    clearInterval(heartbeat);
    server.off('upgrade', onUpgrade);
    for (const ws of sockets.clients) ws.terminate();
    sockets.close();
  };
}

/** Sockets whose writes are held until the current turn's frames are all queued. */
const corked = new WeakSet<WebSocket>();

/**
 * Frames sent to one socket in the same turn (an entry and its acceptance, say) leave in one
 * write: the TCP socket is corked until the microtasks of this turn have run.
 */
function holdWrites(ws: WebSocket): void {
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  if (socket === undefined || corked.has(ws)) return;
  corked.add(ws);
  socket.cork();
  setImmediate(() => {
    corked.delete(ws);
    socket.uncork();
  });
}

/** Entries as sent, so a broadcast to every participant serialises each entry once. */
const entryFrames = new WeakMap<object, Buffer>();

function serialize(frame: ServerFrame): Buffer | string {
  if (frame.type !== 'entry') return JSON.stringify(frame);
  let bytes = entryFrames.get(frame.entry);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(frame));
    entryFrames.set(frame.entry, bytes);
  }
  return bytes;
}

function parseFrame(
  data: RawData,
):
  { ok: true; value: ReturnType<typeof ClientFrameSchema.parse> } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return { ok: false, message: 'a frame must be JSON' };
  }
  const parsed = ClientFrameSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}`,
  };
}

function refuse(socket: Duplex, status: number, message: string): void {
  const reason =
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      503: 'Service Unavailable',
    }[status] ?? 'Error';
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
