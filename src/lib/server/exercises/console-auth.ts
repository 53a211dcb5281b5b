import type { IncomingMessage } from 'node:http';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { exerciseParticipants, exercises } from '../../../../db/schema.ts';
import type { SessionUser } from '../auth/session.ts';
import { authenticateSocketUser } from './upgrade-auth.ts';

/** Who may open an instructor console socket, or why not. */
export type ConsoleAuth =
  | { ok: true; user: { id: string; displayName: string }; scenarioId: string }
  | { ok: false; status: 401 | 403 | 404; message: string };

/**
 * Whether someone instructs this exercise: training managers and administrators, and the person
 * in the observer's seat (the instructor of the day).
 */
export async function canInstruct(
  db: Database,
  user: Pick<SessionUser, 'id' | 'role'>,
  exerciseId: string,
): Promise<boolean> {
  if (user.role === 'manager' || user.role === 'admin') return true;
  const [seat] = await db
    .select({ role: exerciseParticipants.role })
    .from(exerciseParticipants)
    .where(
      and(
        eq(exerciseParticipants.exerciseId, exerciseId),
        eq(exerciseParticipants.userId, user.id),
      ),
    );
  return seat?.role === 'observer';
}

/** Checks a console socket upgrade: our own Origin, a live session, and the right to instruct. */
export async function authenticateConsoleUpgrade(
  db: Database,
  request: IncomingMessage,
  exerciseId: string,
  publicOrigin: string | undefined,
): Promise<ConsoleAuth> {
  const signedIn = await authenticateSocketUser(db, request, publicOrigin, {
    sockets: 'Console sockets',
    purpose: 'open the console',
  });
  if (!signedIn.ok) return signedIn;
  const { user } = signedIn;
  const [exercise] = await db
    .select({ scenarioId: exercises.scenarioId })
    .from(exercises)
    .where(eq(exercises.id, exerciseId));
  if (exercise === undefined)
    return { ok: false, status: 404, message: 'There is no such exercise.' };
  if (!(await canInstruct(db, user, exerciseId)))
    return {
      ok: false,
      status: 403,
      message: 'Only a training manager or the exercise’s instructor opens its console.',
    };
  return {
    ok: true,
    user: { id: user.id, displayName: user.displayName },
    scenarioId: exercise.scenarioId,
  };
}
