import type { ExerciseState } from '../../../sim/exercise/state.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import { PROTOCOL } from '../../../sim/exercise/protocol.ts';

/** What a line of the instructor's or the review's timeline is. */
export type MarkKind = 'message' | 'action' | 'inject' | 'breach' | 'hazard' | 'note' | 'control';

/** How each kind of mark is named on the console's log and the review's timeline. */
export const MARK_KIND_LABELS: Record<MarkKind, string> = {
  message: 'Message',
  action: 'Action',
  inject: 'Inject',
  breach: 'Protocol breach',
  hazard: 'Hazard',
  note: 'Note',
  control: 'Instructor',
};

/** One line of the whole story of an exercise, placed by its log entry. */
export interface TimelineMark {
  readonly seq: number;
  readonly at: number;
  readonly role: ExerciseRole;
  readonly kind: MarkKind;
  readonly text: string;
}

/** Sim event codes the review calls out as the crew's adaptation to an inject. */
const ADAPTATION_CODES = new Set(['tripped-locally', 'tester-replaced', 'remote-access-refused']);

/** Sim event codes that are an inject showing itself to the crew. */
const INJECT_EFFECTS = new Set([
  'breaker-failed-to-open',
  'scada-control-lost',
  'spurious-alarm',
  'telemetry-lost',
  'telemetry-restored',
  'device-connected',
  'call-received',
  'tester-failed-proving',
]);

/**
 * Every message, action, inject, breach, hazard and instructor note of an exercise in log order.
 * Pure: the console builds it from the live state and the review from the replayed log.
 */
export function exerciseTimeline(
  state: ExerciseState,
  options: { withNotes: boolean },
): TimelineMark[] {
  const marks: TimelineMark[] = [];
  const atOf = new Map<number, number>(state.timeline.map((t) => [t.seq, t.at]));
  const eventAt = new Map<number, number>(state.simEvents.map((e) => [e.seq, e.at]));
  for (const item of state.timeline) {
    const kind: MarkKind =
      item.kind === 'inject'
        ? 'inject'
        : item.kind === 'pause' || item.kind === 'resume' || item.kind === 'finish'
          ? 'control'
          : 'message';
    marks.push({ seq: item.seq, at: item.at, role: item.role, kind, text: item.text });
  }
  for (const event of state.simEvents) {
    const kind: MarkKind = INJECT_EFFECTS.has(event.code)
      ? 'inject'
      : event.severity === 'violation' || event.severity === 'critical'
        ? 'hazard'
        : 'action';
    const adapted = ADAPTATION_CODES.has(event.code) ? ' (adaptation)' : '';
    marks.push({
      seq: event.seq,
      at: event.at,
      role: event.role,
      kind,
      text: `${event.message}${adapted}`,
    });
  }
  for (const finding of state.findings) {
    const rule = PROTOCOL.findings[finding.code];
    marks.push({
      seq: finding.seq,
      at: atOf.get(finding.seq) ?? eventAt.get(finding.seq) ?? state.lastAt,
      role: finding.role,
      kind: 'breach',
      text: `${finding.message} (−${rule.points}: ${rule.reason})`,
    });
  }
  if (options.withNotes)
    for (const note of state.notes)
      marks.push({ seq: note.seq, at: note.at, role: 'observer', kind: 'note', text: note.text });
  return marks.sort((a, b) => a.seq - b.seq);
}
