import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import { replayExercise } from '../../../sim/exercise/replay.ts';
import { scoreExercise, type ExerciseScore } from '../../../sim/exercise/scoring.ts';
import type { ExerciseState } from '../../../sim/exercise/state.ts';
import { instructorRefusalReason } from '../../../sim/exercise/validate.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import { exerciseTimeline, type TimelineMark } from '../../shared/exercises/exercise-timeline.ts';
import type { SessionUser } from '../auth/session.ts';
import { now } from '../clock.ts';
import { findScenario } from '../sims/catalog.ts';
import { canInstruct } from './console-auth.ts';
import { appendToLog, loadLog } from './event-log.ts';
import { findExercise, type ExerciseSummary } from './exercise.ts';
import { recordInstructorStatement } from './instructor-statements.ts';

/** Everything the after-action review shows, replayed from the log for this viewer. */
export interface ReviewView {
  exercise: ExerciseSummary;
  scenario: Scenario;
  substation: Substation;
  /** The log as this viewer may see it (other people's private messages lose their text). */
  log: ExerciseEntry[];
  state: ExerciseState;
  score: ExerciseScore;
  marks: TimelineMark[];
  isInstructor: boolean;
}

/** The review, or why it cannot be shown. */
export type ReviewResult =
  { ok: true; review: ReviewView } | { ok: false; status: 403 | 404 | 409; message: string };

/** Loads the after-action review for a participant, a manager, an administrator. */
export async function loadReview(
  db: Database,
  user: SessionUser,
  exerciseId: string,
): Promise<ReviewResult> {
  const exercise = /^[0-9a-f-]{36}$/.test(exerciseId) ? await findExercise(db, exerciseId) : null;
  const found = exercise === null ? null : await findScenario(exercise.scenarioId);
  if (exercise === null || found === null)
    return { ok: false, status: 404, message: 'There is no such exercise.' };
  const role = exercise.participants.find((p) => p.userId === user.id)?.role;
  const isInstructor = await canInstruct(db, user, exercise.id);
  if (role === undefined && !isInstructor)
    return {
      ok: false,
      status: 403,
      message: 'Only the exercise’s participants and training managers see its review.',
    };
  const log = ((await loadLog(db, exercise.id)) as ExerciseEntry[]).map((entry) =>
    isInstructor ? entry : visibleTo(role ?? 'observer', entry),
  );
  const replayed = replayExercise(found.substation, found.scenario, log);
  if (!replayed.ok)
    return {
      ok: false,
      status: 409,
      message: `The exercise log does not replay at entry ${replayed.index + 1}: ${replayed.reason}`,
    };
  return {
    ok: true,
    review: {
      exercise,
      ...found,
      log,
      state: replayed.state,
      score: scoreExercise(replayed.state),
      marks: exerciseTimeline(replayed.state, { withNotes: true }),
      isInstructor,
    },
  };
}

/** The replay islands' data (review scrubber, watch again) as JSON safe inside a script tag. */
export function replayPageJson(review: ReviewView, userId: string): string {
  return JSON.stringify({
    exerciseId: review.exercise.id,
    userId,
    scenario: review.scenario,
    substation: review.substation,
    log: review.log,
  }).replace(/</g, '\\u003c');
}

function visibleTo(role: ExerciseRole, entry: ExerciseEntry): ExerciseEntry {
  const { command } = entry;
  return command.kind === 'message' && command.to !== role
    ? { ...entry, command: { ...command, text: '(private message)' } }
    : entry;
}

/** The note form on the review page. */
export const ReviewNoteSchema = z.object({
  note: z
    .string()
    .trim()
    .min(1, 'Write the note first.')
    .max(1000, 'Keep a note under 1000 characters.'),
});

/** Adds an instructor's note to the log after (or during) the exercise. */
export async function addReviewNote(
  db: Database,
  user: SessionUser,
  exerciseId: string,
  form: Record<string, string>,
): Promise<{ ok: true } | { ok: false; status: 400 | 403 | 404 | 409; message: string }> {
  const parsed = ReviewNoteSchema.safeParse(form);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? 'Check the note.',
    };
  const loaded = await loadReview(db, user, exerciseId);
  if (!loaded.ok) return loaded;
  if (!loaded.review.isInstructor)
    return {
      ok: false,
      status: 403,
      message: 'Only the instructor or a training manager adds notes.',
    };
  const { review } = loaded;
  const command = { kind: 'note' as const, text: parsed.data.note };
  const reason = instructorRefusalReason(review.state, command);
  if (reason !== null) return { ok: false, status: 409, message: reason };
  const entry: ExerciseEntry = {
    seq: review.state.lastSeq + 1,
    clientEventId: `note:${crypto.randomUUID()}`,
    userId: user.id,
    role: 'observer',
    at: now(),
    command,
  };
  const stored = await appendToLog(db, exerciseId, entry);
  if (stored.kind === 'behind')
    return {
      ok: false,
      status: 409,
      message: 'The exercise moved on meanwhile; add the note again.',
    };
  await recordInstructorStatement(db, {
    exerciseId,
    scenario: review.scenario,
    entry,
    instructorName: user.displayName,
  });
  return { ok: true };
}
