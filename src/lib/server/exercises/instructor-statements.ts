import type { Database } from '../../../../db/client.ts';
import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import { ACTIVITY_TYPES, activityIds } from '../../shared/courses/activity-ids.ts';
import { switchyardAuthority } from '../completion/trust.ts';
import { userAgent } from '../learning-record/actor-key.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { storeStatements } from '../learning-record/store-statements.ts';
import { derivedUuid } from '../learning-record/derived-values.ts';

const VERB_BASE = 'https://switchyard.example/xapi/verbs/';
/** Extension naming the log entry a statement tells of, so an LRS can order and replay them. */
export const LOG_SEQ_EXTENSION = 'https://switchyard.example/xapi/extensions/exercise-log-seq';
/** Extension naming the inject id. */
export const INJECT_EXTENSION = 'https://switchyard.example/xapi/extensions/exercise-inject';

/** The verbs of an instructor's story, by command kind. */
export const INSTRUCTOR_VERBS = {
  inject: { id: `${VERB_BASE}injected`, display: { 'en-US': 'injected' } },
  pause: { id: `${VERB_BASE}paused`, display: { 'en-US': 'paused' } },
  resume: { id: `${VERB_BASE}resumed`, display: { 'en-US': 'resumed' } },
  note: { id: 'http://adlnet.gov/expapi/verbs/commented', display: { 'en-US': 'commented' } },
  end: { id: `${VERB_BASE}ended`, display: { 'en-US': 'ended' } },
} as const;

/**
 * Writes an instructor's inject, pause, resume, note or end as an xAPI statement with the
 * instructor as actor and the exercise as registration. The id derives from the exercise and the
 * log sequence, so writing it again after a crash stores nothing twice. Private messages are not
 * written: they are between the instructor and one participant.
 */
export async function recordInstructorStatement(
  db: Database,
  input: {
    exerciseId: string;
    scenario: Scenario;
    entry: ExerciseEntry;
    instructorName: string;
  },
): Promise<void> {
  const { entry, scenario, exerciseId } = input;
  const { command } = entry;
  if (
    command.kind !== 'inject' &&
    command.kind !== 'pause' &&
    command.kind !== 'resume' &&
    command.kind !== 'note' &&
    command.kind !== 'end'
  )
    return;
  const base = recordBase(db);
  const inject =
    command.kind === 'inject' ? scenario.injects.find((i) => i.id === command.inject) : undefined;
  const response =
    command.kind === 'inject'
      ? (inject?.label ?? command.inject)
      : command.kind === 'note' || command.kind === 'pause'
        ? command.text
        : undefined;
  const statement = {
    id: derivedUuid(`${exerciseId}:log:${entry.seq}`),
    actor: userAgent(base, entry.userId, input.instructorName),
    verb: INSTRUCTOR_VERBS[command.kind],
    object: {
      objectType: 'Activity',
      id: activityIds.scenario(base, scenario.id),
      definition: { type: ACTIVITY_TYPES.simulation, name: { 'en-US': scenario.title } },
    },
    ...(response === undefined ? {} : { result: { response } }),
    context: {
      registration: exerciseId,
      extensions: {
        [LOG_SEQ_EXTENSION]: entry.seq,
        ...(command.kind === 'inject' ? { [INJECT_EXTENSION]: command.inject } : {}),
      },
    },
    timestamp: new Date(entry.at).toISOString(),
  };
  const stored = await storeStatements(db, [statement], {
    authority: switchyardAuthority(base),
    siteOrigin: base,
    now: entry.at,
  });
  if (!stored.ok) throw new Error(`instructor statement not stored: ${stored.message}`);
}
