import WebSocket from 'ws';
import type { ExerciseEntry } from '../../src/sim/index.ts';
import type { ServerFrame } from '../../src/lib/shared/exercises/frames.ts';
import { ExerciseConnection, type SocketLike } from '../../src/client/exercises/connection.ts';

/** A participant connected over a real WebSocket, with everything it received. */
export interface TestParticipant {
  connection: ExerciseConnection;
  entries: ExerciseEntry[];
  frames: ServerFrame[];
  status: () => string;
  /** Resolves when the predicate holds (checked on every frame), or rejects after the timeout. */
  waitFor: (predicate: () => boolean, what: string, timeoutMs?: number) => Promise<void>;
}

/** Opens a socket with a session cookie and an Origin header (a browser's, or a forged one). */
export function openSocket(url: string, cookie: string | null, origin: string): WebSocket {
  return new WebSocket(url, {
    headers: { origin, ...(cookie ? { cookie: `switchyard_session=${cookie}` } : {}) },
  });
}

/** The HTTP status an upgrade was refused with, or 101 when it opened. */
export function upgradeStatus(url: string, cookie: string | null, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = openSocket(url, cookie, origin);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => undefined);
  });
}

/** Connects a participant through the same connection class the browser uses. */
export function connectParticipant(
  serverUrl: string,
  exerciseId: string,
  cookie: string,
  socket: 'live' | 'console/live' = 'live',
): TestParticipant {
  const url = `${serverUrl.replace('http', 'ws')}/exercises/${exerciseId}/${socket}`;
  const entries: ExerciseEntry[] = [];
  const frames: ServerFrame[] = [];
  let status = 'connecting';
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const check of waiters) check();
  };
  const connection = new ExerciseConnection(
    () => openSocket(url, cookie, serverUrl) as unknown as SocketLike,
    {
      onEntry: (entry) => {
        entries.push(entry);
        notify();
      },
      onFrame: (frame) => {
        frames.push(frame);
        notify();
      },
      onStatus: (next) => {
        status = next;
        notify();
      },
    },
  );
  connection.start();
  const waitFor = (predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> =>
    new Promise((resolve, reject) => {
      if (predicate()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
    });
  return { connection, entries, frames, status: () => status, waitFor };
}
