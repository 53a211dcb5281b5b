import { addDays, calendarDate, endOfDay } from './zoned-time.ts';

export { addDays, calendarDate, endOfDay, formatDate } from './zoned-time.ts';

/** What a learner owes on one assignment, as shown to learners and managers. */
export type AssignmentStatusCode =
  'not-started' | 'in-progress' | 'due-soon' | 'overdue' | 'completed' | 'expiring' | 'expired';

/** Every status, most urgent first (the order managers sort by). */
export const STATUS_ORDER: readonly AssignmentStatusCode[] = [
  'overdue',
  'expired',
  'due-soon',
  'expiring',
  'in-progress',
  'not-started',
  'completed',
];

/** Short names of the statuses, as filters and legends show them. */
export const STATUS_NAMES: Record<AssignmentStatusCode, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  completed: 'Completed',
  expiring: 'Expiring soon',
  expired: 'Expired',
};

export interface AssignmentStatus {
  code: AssignmentStatusCode;
  label: string;
  /** The last moment the current completion counts (recurring items), or null. */
  validUntil: number | null;
  /** The end of the day the work is due, in the organisation's time zone. */
  deadline: number;
}

/** Inputs: the assignment and the learner's completion of its item. Times are Unix ms. */
export interface StatusInput {
  dueDate: string;
  recurrenceMonths: number | null;
  lastCompletedAt: number | null;
  isInProgress: boolean;
  now: number;
  timeZone: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Due soon" starts this many days before the deadline. */
export const DUE_SOON_DAYS = 7;
/** "Expiring soon" starts this many days before a completion lapses. */
export const EXPIRING_SOON_DAYS = 30;

/** Adds calendar months to a date (YYYY-MM-DD); the 31st becomes the last day of a shorter month. */
export function addMonthsToDate(date: string, months: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Adds calendar months to an instant, keeping its UTC time of day (clamped like addMonthsToDate). */
export function addCalendarMonths(ms: number, months: number): number {
  const timeOfDay = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  const date = addMonthsToDate(new Date(ms).toISOString().slice(0, 10), months);
  return Date.parse(`${date}T00:00:00Z`) + timeOfDay;
}

/**
 * The last calendar day a completion counts when the item recurs every `months` calendar months:
 * the same day of the month that many months after the completion's day, in the organisation's zone.
 */
export function validThrough(completedAt: number, months: number, timeZone: string): string {
  return addMonthsToDate(calendarDate(completedAt, timeZone), months);
}

/** Validity of a recurring completion: its last day, its end, and when "expiring soon" starts. */
interface Validity {
  lastDay: string;
  until: number;
  expiringAfter: number;
}

const validityCache = new Map<string, Validity>();

/** Validity per (completion day, months, zone), memoised because reports ask for it per cell. */
function validityOf(completedAt: number, months: number, timeZone: string): Validity {
  const key = `${calendarDate(completedAt, timeZone)}|${months}|${timeZone}`;
  let validity = validityCache.get(key);
  if (!validity) {
    const lastDay = validThrough(completedAt, months, timeZone);
    validity = {
      lastDay,
      until: endOfDay(lastDay, timeZone),
      expiringAfter: endOfDay(addDays(lastDay, -EXPIRING_SOON_DAYS), timeZone),
    };
    if (validityCache.size > 100_000) validityCache.clear();
    validityCache.set(key, validity);
  }
  return validity;
}

/**
 * The status rules (README, "Assignments and recertification"): days are calendar days in the
 * organisation's time zone. A completion counts forever, or through the same day `recurrenceMonths`
 * months later when the item recurs; it is "completed", or "expiring soon" in its last 30 days, then
 * "expired" (due again at once). Without a completion the item is "overdue" once its due date has
 * ended, "due soon" in the 7 days up to and including the due date, else "in progress" or "not started".
 */
export function assignmentStatus(input: StatusInput): AssignmentStatus {
  const { timeZone, now } = input;
  const deadline = endOfDay(input.dueDate, timeZone);
  if (input.lastCompletedAt !== null) {
    if (!input.recurrenceMonths) {
      return { code: 'completed', label: STATUS_NAMES.completed, validUntil: null, deadline };
    }
    const { lastDay, until, expiringAfter } = validityOf(
      input.lastCompletedAt,
      input.recurrenceMonths,
      timeZone,
    );
    if (now > until) {
      return {
        code: 'expired',
        label: `Expired (was valid until ${lastDay})`,
        validUntil: until,
        deadline,
      };
    }
    const code = now > expiringAfter ? 'expiring' : 'completed';
    return {
      code,
      label: `${STATUS_NAMES[code]} (valid until ${lastDay})`,
      validUntil: until,
      deadline,
    };
  }
  const code =
    now > deadline
      ? 'overdue'
      : now > endOfDay(addDays(input.dueDate, -DUE_SOON_DAYS), timeZone)
        ? 'due-soon'
        : input.isInProgress
          ? 'in-progress'
          : 'not-started';
  return { code, label: STATUS_NAMES[code], validUntil: null, deadline };
}
