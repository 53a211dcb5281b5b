import type { Database } from '../../../../db/client.ts';
import type { ExerciseScore, ParticipantScore } from '../../../sim/exercise/scoring.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../courses/activity-ids.ts';
import { systemAuthority, userAgent } from '../learning-record/actor-key.ts';
import { storeStatements } from '../learning-record/store.ts';
import { derivedUuid, isoDuration } from '../sims/attempts.ts';
import { canonicalOrigin } from '../site-origin.ts';

/** Activity-id extension under which a verdict names the participant's role. */
export const ROLE_EXTENSION = 'https://switchyard.example/xapi/extensions/exercise-role';

/**
 * Writes each participant's verdict as a passed or failed statement under Switchyard's authority,
 * with the exercise id as registration and the participants as the team. Statement ids derive
 * from the exercise and the person, so writing again after a crash stores nothing twice.
 */
export async function writeVerdicts(
  db: Database,
  input: { exerciseId: string; scenario: Scenario; score: ExerciseScore; finishedAt: number },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const origin = canonicalOrigin();
  const { score, scenario, exerciseId } = input;
  const working = score.participants.filter((p) => p.role !== 'observer');
  const instructor = score.participants.find((p) => p.role === 'observer');
  const team = {
    objectType: 'Group' as const,
    name: `Exercise ${exerciseId.slice(0, 8)}`,
    member: working.map((p) => userAgent(origin, p.userId, p.name)),
  };
  const object = {
    objectType: 'Activity' as const,
    id: activityIds.scenario(origin, scenario.id),
    definition: { type: ACTIVITY_TYPES.simulation, name: { 'en-US': scenario.title } },
  };
  const statement = (p: ParticipantScore) => ({
    id: derivedUuid(`${exerciseId}:${p.userId}:verdict`),
    actor: userAgent(origin, p.userId, p.name),
    verb: p.passed ? VERBS.passed : VERBS.failed,
    object,
    timestamp: new Date(input.finishedAt).toISOString(),
    context: {
      registration: exerciseId,
      team,
      ...(instructor ? { instructor: userAgent(origin, instructor.userId, instructor.name) } : {}),
      extensions: { [ROLE_EXTENSION]: p.role },
    },
    result: {
      score: {
        scaled: p.maxScore > 0 ? Math.round((p.score / p.maxScore) * 1000) / 1000 : 0,
        raw: p.score,
        min: 0,
        max: p.maxScore,
      },
      success: p.passed,
      completion: true,
      duration: isoDuration(score.durationMs),
    },
  });
  const stored = await storeStatements(db, working.map(statement), {
    authority: systemAuthority(origin),
    siteOrigin: origin,
    version: '1.0.3',
    now: input.finishedAt,
  });
  return stored.ok ? { ok: true } : { ok: false, message: stored.message };
}
