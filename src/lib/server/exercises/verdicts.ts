import type { Database } from '../../../../db/client.ts';
import type { ExerciseScore, ParticipantScore } from '../../../sim/exercise/scoring.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../shared/courses/activity-ids.ts';
import { recordGrading } from '../completion/grading.ts';
import type { CourseRequirements } from '../completion/requirements.ts';
import { userAgent } from '../learning-record/actor-key.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { derivedUuid, isoDuration } from '../learning-record/derived-values.ts';
import { scaledScore } from '../../shared/score.ts';

/** Context extension under which a verdict names the participant's role. */
export const ROLE_EXTENSION = 'https://switchyard.example/xapi/extensions/exercise-role';

/** What writeVerdicts records: the scored exercise, and the catalogue's courses it may complete. */
export interface VerdictsInput {
  exerciseId: string;
  scenario: Scenario;
  score: ExerciseScore;
  finishedAt: number;
  /** The catalogue's course requirements: a course that requires the scenario completes here. */
  courses: Iterable<CourseRequirements>;
}

/**
 * Writes each participant's verdict through the one grading path (stored under Switchyard's
 * authority, completion derived in the same transaction, with any course the pass completes and its
 * certificate), with the exercise id as registration and the participants as the team. Statement
 * ids derive from the exercise and the person, so writing again after a crash stores nothing twice.
 */
export async function writeVerdicts(
  db: Database,
  input: VerdictsInput,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const base = recordBase(db);
  const { score, scenario, exerciseId } = input;
  const courses = [...input.courses];
  const working = score.participants.filter((p) => p.role !== 'observer');
  const instructor = score.participants.find((p) => p.role === 'observer');
  const team = {
    objectType: 'Group' as const,
    name: `Exercise ${exerciseId.slice(0, 8)}`,
    member: working.map((p) => userAgent(base, p.userId, p.name)),
  };
  const object = {
    objectType: 'Activity' as const,
    id: activityIds.scenario(base, scenario.id),
    definition: { type: ACTIVITY_TYPES.simulation, name: { 'en-US': scenario.title } },
  };
  const verdict = (p: ParticipantScore) => ({
    id: derivedUuid(`${exerciseId}:${p.userId}:verdict`),
    verb: p.passed ? VERBS.passed : VERBS.failed,
    object,
    context: {
      registration: exerciseId,
      team,
      ...(instructor ? { instructor: userAgent(base, instructor.userId, instructor.name) } : {}),
      extensions: { [ROLE_EXTENSION]: p.role },
    },
    result: {
      score: {
        scaled: scaledScore(p.score, p.maxScore),
        raw: p.score,
        min: 0,
        max: p.maxScore,
      },
      success: p.passed,
      completion: true,
      duration: isoDuration(score.durationMs),
    },
  });
  for (const participant of working) {
    const recorded = await recordGrading(db, {
      learner: { id: participant.userId, displayName: participant.name },
      statements: [verdict(participant)],
      courses,
      now: input.finishedAt,
    });
    if (!recorded.ok) return { ok: false, message: recorded.message };
  }
  return { ok: true };
}
