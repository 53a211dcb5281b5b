import { ActionLogEntrySchema } from './schema/action.ts';
import type { ActionLogEntry, SimAction } from './schema/action.ts';
import type { Scenario } from './schema/scenario.ts';
import type { Substation } from './schema/substation.ts';
import type { SimEvent } from './events.ts';
import { scoreAttempt } from './scoring.ts';
import type { Score } from './scoring.ts';
import { createInitialState } from './state.ts';
import { step } from './step.ts';
import { compileModel } from './topology.ts';
import { invalidActionReason } from './validate.ts';

/** Most actions an attempt log may hold. */
export const MAX_LOG_ACTIONS = 2000;
/** Longest attempt accepted, in milliseconds (four hours). */
export const MAX_ATTEMPT_MS = 4 * 60 * 60 * 1000;

/** An event with the moment and the action that caused it. */
export interface TimedEvent extends SimEvent {
  /** Milliseconds since the attempt started. */
  readonly at: number;
  /** Index of the action in the log. */
  readonly index: number;
}

/** The verified outcome of a replayed attempt. */
export interface ReplaySuccess extends Score {
  readonly ok: true;
  /** Time of the last action, in milliseconds. */
  readonly durationMs: number;
  /** Every event, in order. */
  readonly events: readonly TimedEvent[];
  /** Critical events themselves (code, explanation, when). */
  readonly criticalEvents: readonly TimedEvent[];
}

/** A log that cannot be replayed, and why. */
export interface ReplayFailure {
  readonly ok: false;
  readonly reason: string;
  /** Index of the offending entry, when one is to blame. */
  readonly index?: number;
}

export type ReplayResult = ReplaySuccess | ReplayFailure;

/**
 * Replays an attempt's action log from the scenario's initial state and scores it. The log is
 * untrusted input: anything malformed, out of order in time, too long, or naming things the
 * scenario does not have gives `{ ok: false, reason }`. Never throws.
 */
export function replay(
  substation: Substation,
  scenario: Scenario,
  actionLog: unknown,
): ReplayResult {
  const parsed = parseLog(substation, scenario, actionLog);
  if (!parsed.ok) return parsed;
  let state = createInitialState(substation, scenario);
  const events: TimedEvent[] = [];
  parsed.entries.forEach((entry, index) => {
    const result = step(state, entry.action);
    state = result.state;
    for (const event of result.events) events.push({ ...event, at: entry.at, index });
  });
  const durationMs = parsed.entries.at(-1)?.at ?? 0;
  const score = scoreAttempt(state, durationMs);
  const critical = new Set(score.criticalFailures);
  return {
    ok: true,
    ...score,
    durationMs,
    events,
    criticalEvents: events.filter((event) => critical.has(event.code)),
  };
}

/** Validates a log's shape, timing and references without running it. */
export function parseLog(
  substation: Substation,
  scenario: Scenario,
  actionLog: unknown,
): { ok: true; entries: ActionLogEntry[] } | ReplayFailure {
  if (!Array.isArray(actionLog)) return { ok: false, reason: 'the action log must be an array' };
  if (actionLog.length > MAX_LOG_ACTIONS) {
    return {
      ok: false,
      reason: `the action log has ${actionLog.length} actions; at most ${MAX_LOG_ACTIONS} are accepted`,
    };
  }
  const model = compileModel(substation, scenario);
  const entries: ActionLogEntry[] = [];
  for (let index = 0; index < actionLog.length; index++) {
    const result = ActionLogEntrySchema.safeParse(actionLog[index]);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue === undefined ? '' : issue.path.join('.');
      return {
        ok: false,
        index,
        reason: `entry ${index}${field ? ` (${field})` : ''}: ${issue?.message ?? 'invalid'}`,
      };
    }
    const entry = result.data;
    const previous = entries.at(-1);
    if (previous !== undefined && entry.at < previous.at) {
      return {
        ok: false,
        index,
        reason: `entry ${index} is at ${entry.at} ms, before the previous entry (${previous.at} ms)`,
      };
    }
    if (entry.at > MAX_ATTEMPT_MS) {
      return {
        ok: false,
        index,
        reason: `entry ${index} is at ${entry.at} ms; attempts longer than four hours are not accepted`,
      };
    }
    const reason = invalidActionReason(model, entry.action as SimAction);
    if (reason !== null) return { ok: false, index, reason: `entry ${index}: ${reason}` };
    entries.push(entry);
  }
  return { ok: true, entries };
}
