import { z } from 'zod';

/**
 * ISO 8601:2004(E) 4.4.3.2 durations, as xAPI 1.0.3 and 2.0.0 require (Data 4.6): either weeks
 * alone (`P4W`), or years, months, days, then `T` and hours, minutes, seconds, each optional but
 * at least one present. Weeks never combine with other units ("'P4W1D' is not valid"), and only
 * the lowest-order component given may carry a decimal fraction (with `.` or `,`).
 */
const WEEKS = /^P(\d+(?:[.,]\d+)?)W$/;
const COMPONENTS =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Why a duration is not one xAPI accepts, or null when it is. */
export function durationProblem(value: string): string | null {
  if (WEEKS.test(value)) return null;
  const match = COMPONENTS.exec(value);
  if (!match) {
    return value.includes('W')
      ? "must not combine weeks with other units ('P4W1D' is not valid; write P29D)"
      : 'must be an ISO 8601 duration such as PT4M30S, P3Y1M29DT4H35M59.14S or P4W';
  }
  const parts = match.slice(1);
  const given = parts.flatMap((part, index) => (part === undefined ? [] : [index]));
  if (given.length === 0) return 'must name at least one unit, such as PT0S';
  if (value.endsWith('T')) return 'must have a time unit after T, such as PT30M';
  const last = given[given.length - 1];
  const fractional = given.find((index) => /[.,]/.test(parts[index] ?? ''));
  if (fractional !== undefined && fractional !== last) {
    return 'may carry a decimal fraction only in its last (lowest-order) unit, such as PT1H30.5M';
  }
  return null;
}

/** An xAPI duration (ISO 8601:2004 4.4.3.2). */
export const DurationSchema = z.string().superRefine((value, ctx) => {
  const problem = durationProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A duration with its seconds truncated to hundredths: "any precision beyond 0.01 second precision
 * SHOULD* NOT be included" when durations are compared (Data 4.6.s1.b5).
 */
export function truncateDuration(duration: string): string {
  return duration.replace(/(\d+)(?:[.,](\d*))?S$/, (_whole, seconds: string, fraction = '') => {
    const kept = fraction.slice(0, 2).replace(/0+$/, '');
    return `${seconds}${kept ? `.${kept}` : ''}S`;
  });
}
