import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { exerciseParticipants, exercises } from '../../../../db/schema.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import { SESSION_COOKIE } from '../auth/cookie.ts';
import { sessionPolicy, validateSessionToken, type SessionUser } from '../auth/session.ts';
import { getConfig } from '../config.ts';

/** Who may open an exercise socket, or why not. */
export type UpgradeAuth =
  | {
      ok: true;
      user: { id: string; displayName: string };
      role: ExerciseRole;
      scenarioId: string;
    }
  | { ok: false; status: 401 | 403 | 404; message: string };

/** The session token in a Cookie header, if any. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    // A value that is not valid percent-encoding is no token of ours (and must not throw).
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

/** The origin this request was made to: PUBLIC_ORIGIN, else the Host it named. */
export function expectedOrigin(request: IncomingMessage, publicOrigin: string | undefined): string {
  if (publicOrigin) return publicOrigin;
  const isTls = (request.socket as TLSSocket).encrypted === true;
  return `${isTls ? 'https' : 'http'}://${request.headers.host ?? ''}`;
}

/** The words a refused socket upgrade uses: whose sockets, and what signing in is for. */
export interface SocketWords {
  /** 'Exercise sockets', 'Console sockets'. */
  sockets: string;
  /** 'join the exercise', 'open the console'. */
  purpose: string;
}

/**
 * The first checks of any exercise socket upgrade: our own Origin (no cross-site WebSocket
 * hijacking) and a live session; the caller then checks the person's place in the exercise.
 */
export async function authenticateSocketUser(
  db: Database,
  request: IncomingMessage,
  publicOrigin: string | undefined,
  words: SocketWords,
): Promise<{ ok: true; user: SessionUser } | { ok: false; status: 401 | 403; message: string }> {
  const origin = request.headers.origin;
  if (origin === undefined || origin !== expectedOrigin(request, publicOrigin))
    return {
      ok: false,
      status: 403,
      message: `${words.sockets} open only from Switchyard’s own pages.`,
    };
  const token = sessionTokenFrom(request.headers.cookie);
  if (token === null) return { ok: false, status: 401, message: `Sign in to ${words.purpose}.` };
  const config = getConfig();
  const { user } = await validateSessionToken(
    db,
    token,
    sessionPolicy(config.SESSION_IDLE_DAYS, config.SESSION_ABSOLUTE_DAYS),
  );
  if (user === null)
    return { ok: false, status: 401, message: 'Your session has ended; sign in again.' };
  return { ok: true, user };
}

/**
 * Checks a socket upgrade: our own Origin (no cross-site WebSocket hijacking), a live session,
 * and a role in this exercise.
 */
export async function authenticateUpgrade(
  db: Database,
  request: IncomingMessage,
  exerciseId: string,
  publicOrigin: string | undefined,
): Promise<UpgradeAuth> {
  const signedIn = await authenticateSocketUser(db, request, publicOrigin, {
    sockets: 'Exercise sockets',
    purpose: 'join the exercise',
  });
  if (!signedIn.ok) return signedIn;
  const { user } = signedIn;
  const [row] = await db
    .select({ role: exerciseParticipants.role, scenarioId: exercises.scenarioId })
    .from(exerciseParticipants)
    .innerJoin(exercises, eq(exercises.id, exerciseParticipants.exerciseId))
    .where(
      and(
        eq(exerciseParticipants.exerciseId, exerciseId),
        eq(exerciseParticipants.userId, user.id),
      ),
    );
  if (row === undefined)
    return { ok: false, status: 403, message: 'You have no role in this exercise.' };
  return {
    ok: true,
    user: { id: user.id, displayName: user.displayName },
    role: row.role,
    scenarioId: row.scenarioId,
  };
}
