import type { RunOutcome } from './runner-process.ts';
import { explainSqlError } from '../../shared/labs/sql-error.ts';

/** A query that could not be graded: why, in plain words, and where in the query if known. */
export interface RunError {
  ok: false;
  /** HTTP status the grading endpoint should answer with. */
  status: 408 | 413 | 422;
  error: string;
  /** 0-based offset in the learner's query that the error points at. */
  position?: number;
}

/** A SQLite error in the same plain words the browser shows, with its offset in the query. */
function explainSqlMessage(raw: string, query: string): RunError {
  const { message, position } = explainSqlError(raw, query);
  return {
    ok: false,
    status: 422,
    error: message,
    ...(position ? { position: position.offset } : {}),
  };
}

/** Turns a failed run into an error a learner can act on. */
export function explainRunFailure(
  outcome: Extract<RunOutcome, { ok: false }>,
  query: string,
  limits: { timeMs: number; maxRows: number; maxResultBytes: number },
): RunError {
  const memory =
    /NOMEM|TOOBIG/.test(outcome.code) || /out of memory|too big/i.test(outcome.message);
  switch (outcome.failure) {
    case 'timeout':
      return {
        ok: false,
        status: 408,
        error: `The query ran longer than ${limits.timeMs / 1000} s and was stopped. Look for a join without a join condition, or a recursive query that never ends.`,
      };
    case 'rows':
      return {
        ok: false,
        status: 413,
        error: `The query returns more than ${limits.maxRows.toLocaleString('en-US')} rows. Filter or aggregate it: a lab result has at most that many rows.`,
      };
    case 'size':
      return {
        ok: false,
        status: 413,
        error: `The query's result is larger than ${Math.round(limits.maxResultBytes / 1048576)} MB. Return fewer or shorter values.`,
      };
    case 'refused':
      return { ok: false, status: 422, error: outcome.message };
    case 'crash':
      return {
        ok: false,
        status: 413,
        error:
          'The query needed more memory than a lab allows and was stopped. Return fewer or shorter values.',
      };
    default:
      if (memory)
        return {
          ok: false,
          status: 413,
          error:
            'The query needed more memory than a lab allows (a very long text or blob, or too many rows held at once). Return fewer or shorter values.',
        };
      return explainSqlMessage(outcome.message, query);
  }
}
