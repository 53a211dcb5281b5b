import { addDays, calendarDate, dateBucket, endOfDay } from './zoned-time.ts';

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

/** A status with its label; shared and frozen, since reports compute hundreds of thousands. */
export interface AssignmentStatus {
  readonly code: AssignmentStatusCode;
  readonly label: string;
  /** The last moment the current completion counts (recurring items), or null. */
  readonly validUntil: number | null;
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

/** Validity of a recurring completion: when "expiring soon" starts, and its three statuses. */
interface Validity {
  until: number;
  expiringAfter: number;
  completed: AssignmentStatus;
  expiring: AssignmentStatus;
  expired: AssignmentStatus;
}

const status = (code: AssignmentStatusCode, label: string, validUntil: number | null) =>
  Object.freeze({ code, label, validUntil });

/** The statuses that carry no date, shared by every cell. */
const PLAIN: Record<AssignmentStatusCode, AssignmentStatus> = Object.fromEntries(
  STATUS_ORDER.map((code) => [code, status(code, STATUS_NAMES[code], null)]),
) as Record<AssignmentStatusCode, AssignmentStatus>;

/** The validities of one zone and recurrence, by completion day and by quarter hour of completion. */
interface ValidityCache {
  timeZone: string;
  months: number;
  byDay: Map<string, Validity>;
  byBucket: Map<number, Validity>;
}
/** Per zone, then per recurrence. */
const validityCache = new Map<string, Map<number, ValidityCache>>();
/** The cache used last: a report asks for one zone and a few recurrences, cell after cell. */
let lastValidityCache: ValidityCache | undefined;
/** Per zone: due date -> [deadline, start of "due soon"]. */
const deadlineCache = new Map<string, Map<string, readonly [number, number]>>();

function validityCacheFor(months: number, timeZone: string): ValidityCache {
  const last = lastValidityCache;
  if (last && last.months === months && last.timeZone === timeZone) return last;
  let byMonths = validityCache.get(timeZone);
  if (!byMonths) validityCache.set(timeZone, (byMonths = new Map()));
  let cache = byMonths.get(months);
  if (!cache) {
    cache = { timeZone, months, byDay: new Map(), byBucket: new Map() };
    byMonths.set(months, cache);
  }
  lastValidityCache = cache;
  return cache;
}

function validityOf(completedAt: number, months: number, timeZone: string): Validity {
  const cache = validityCacheFor(months, timeZone);
  // Every instant of a quarter hour has the same date, so the same validity.
  const bucket = dateBucket(completedAt);
  let validity = cache.byBucket.get(bucket);
  if (validity) return validity;
  if (cache.byBucket.size > 100_000) {
    cache.byBucket.clear();
    cache.byDay.clear();
  }
  const day = calendarDate(completedAt, timeZone);
  validity = cache.byDay.get(day);
  if (!validity) {
    const lastDay = addMonthsToDate(day, months);
    const until = endOfDay(lastDay, timeZone);
    validity = {
      until,
      expiringAfter: endOfDay(addDays(lastDay, -EXPIRING_SOON_DAYS), timeZone),
      completed: status('completed', `Completed (valid until ${lastDay})`, until),
      expiring: status('expiring', `Expiring soon (valid until ${lastDay})`, until),
      expired: status('expired', `Expired (was valid until ${lastDay})`, until),
    };
    cache.byDay.set(day, validity);
  }
  cache.byBucket.set(bucket, validity);
  return validity;
}

/** The end of the due date and the start of its "due soon" window, in the organisation's zone. */
export function deadlineOf(dueDate: string, timeZone: string): readonly [number, number] {
  let byDate = deadlineCache.get(timeZone);
  if (!byDate || byDate.size > 100_000) deadlineCache.set(timeZone, (byDate = new Map()));
  let found = byDate.get(dueDate);
  if (!found) {
    found = [endOfDay(dueDate, timeZone), endOfDay(addDays(dueDate, -DUE_SOON_DAYS), timeZone)];
    byDate.set(dueDate, found);
  }
  return found;
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
  if (input.lastCompletedAt !== null) {
    if (!input.recurrenceMonths) return PLAIN.completed;
    const validity = validityOf(input.lastCompletedAt, input.recurrenceMonths, timeZone);
    if (now > validity.until) return validity.expired;
    return now > validity.expiringAfter ? validity.expiring : validity.completed;
  }
  const [deadline, dueSoonAfter] = deadlineOf(input.dueDate, timeZone);
  if (now > deadline) return PLAIN.overdue;
  if (now > dueSoonAfter) return PLAIN['due-soon'];
  return input.isInProgress ? PLAIN['in-progress'] : PLAIN['not-started'];
}
