import { and, desc, inArray, isNotNull, ne, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { exerciseParticipants, exercises } from '../../../../db/schema.ts';
import { addCalendarMonths, formatDate } from '../../shared/assignments/status.ts';
import type { ExerciseScore } from '../../../sim/exercise/scoring.ts';

/**
 * NERC COM-002-4 asks each entity to assess its operating personnel's adherence to the
 * communications protocols at least once every twelve calendar months (Requirement R4, as the
 * standard's text numbers it; verify against the edition your entity is audited on).
 */
export const ADHERENCE_INTERVAL_MONTHS = 12;

/** A learner's latest protocol-adherence assessment in a scored joint exercise. */
export interface AdherenceRecord {
  exerciseId: string;
  scenarioId: string;
  /** Server time the exercise was scored. */
  assessedAt: number;
  /** 100 less the points of this participant's three-part-communication findings (not below 0). */
  score: number;
  /** How many protocol breaches were found against them. */
  breaches: number;
  /** The assessment lapses at this instant, twelve calendar months on. */
  validUntil: number;
  isCurrent: boolean;
}

/** The latest adherence assessment of each learner (absent for learners never assessed). */
export async function loadAdherence(
  db: Database,
  learnerIds: readonly string[],
  now: number,
): Promise<Map<string, AdherenceRecord>> {
  const found = new Map<string, AdherenceRecord>();
  if (learnerIds.length === 0) return found;
  const rows = await db
    .select({
      userId: exerciseParticipants.userId,
      exerciseId: exercises.id,
      scenarioId: exercises.scenarioId,
      scoredAt: exercises.scoredAt,
      result: exercises.result,
    })
    .from(exerciseParticipants)
    .innerJoin(exercises, eq(exercises.id, exerciseParticipants.exerciseId))
    .where(
      and(
        inArray(exerciseParticipants.userId, [...learnerIds]),
        ne(exerciseParticipants.role, 'observer'),
        isNotNull(exercises.scoredAt),
      ),
    )
    .orderBy(desc(exercises.scoredAt));
  for (const row of rows) {
    if (found.has(row.userId) || row.scoredAt === null || row.result === null) continue;
    const score = JSON.parse(row.result) as ExerciseScore;
    const mine = score.participants.find((p) => p.userId === row.userId);
    if (mine === undefined) continue;
    const protocol = mine.findings.filter((f) => f.category === 'protocol');
    const validUntil = addCalendarMonths(row.scoredAt, ADHERENCE_INTERVAL_MONTHS);
    found.set(row.userId, {
      exerciseId: row.exerciseId,
      scenarioId: row.scenarioId,
      assessedAt: row.scoredAt,
      score: Math.max(0, 100 - protocol.reduce((n, f) => n + f.points, 0)),
      breaches: protocol.length,
      validUntil,
      isCurrent: now < validUntil,
    });
  }
  return found;
}

/** "Assessed 2026-12-01: 95%, 1 breach, current until 2027-12-01" for pages and CSV. */
export function describeAdherence(record: AdherenceRecord | undefined, timeZone: string): string {
  if (record === undefined) return 'Not assessed';
  const breaches = `${record.breaches} breach${record.breaches === 1 ? '' : 'es'}`;
  return `${record.isCurrent ? 'Current' : 'Expired'}: assessed ${formatDate(record.assessedAt, timeZone)}, ${record.score}%, ${breaches}, ${record.isCurrent ? 'valid until' : 'lapsed'} ${formatDate(record.validUntil, timeZone)}`;
}
