/** What a learner owes on one assignment, as shown to learners and managers. */
export type AssignmentStatusCode =
  'not-started' | 'in-progress' | 'due-soon' | 'overdue' | 'completed' | 'expiring' | 'expired';

export interface AssignmentStatus {
  code: AssignmentStatusCode;
  label: string;
  /** When the current completion stops being valid (recurring items), or null. */
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

/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The last millisecond of a calendar date (YYYY-MM-DD) in a time zone. */
export function endOfDay(date: string, timeZone: string): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
  // Two passes settle the offset across a daylight-saving change.
  let guess = nextMidnightUtc - zoneOffsetMs(nextMidnightUtc, timeZone);
  guess = nextMidnightUtc - zoneOffsetMs(guess, timeZone);
  return guess - 1;
}

/** Adds calendar months (the 31st becomes the last day of a shorter month), as CIP-004's "calendar months". */
export function addCalendarMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

const LABELS: Record<AssignmentStatusCode, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  completed: 'Completed',
  expiring: 'Expiring soon',
  expired: 'Expired',
};

const formatDate = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));

/**
 * The status rules: a completion is valid forever, or for `recurrenceMonths` calendar months when the
 * item recurs; a valid completion is "completed" (or "expiring soon" in its last 30 days); a lapsed one
 * is "expired" (the item is due again at once); without a completion the item is "overdue" after the
 * end of the due date in the organisation's time zone, "due soon" in the 7 days before, else "in
 * progress" or "not started".
 */
export function assignmentStatus(input: StatusInput): AssignmentStatus {
  const deadline = endOfDay(input.dueDate, input.timeZone);
  const make = (code: AssignmentStatusCode, validUntil: number | null): AssignmentStatus => ({
    code,
    label:
      (code === 'completed' || code === 'expiring') && validUntil
        ? `${LABELS[code]} (valid until ${formatDate(validUntil, input.timeZone)})`
        : code === 'expired' && validUntil
          ? `Expired on ${formatDate(validUntil, input.timeZone)}`
          : LABELS[code],
    validUntil,
    deadline,
  });
  if (input.lastCompletedAt !== null) {
    if (!input.recurrenceMonths) return make('completed', null);
    const validUntil = addCalendarMonths(input.lastCompletedAt, input.recurrenceMonths);
    if (input.now >= validUntil) return make('expired', validUntil);
    if (validUntil - input.now <= EXPIRING_SOON_DAYS * DAY_MS) return make('expiring', validUntil);
    return make('completed', validUntil);
  }
  if (input.now > deadline) return make('overdue', null);
  if (deadline - input.now <= DUE_SOON_DAYS * DAY_MS) return make('due-soon', null);
  return make(input.isInProgress ? 'in-progress' : 'not-started', null);
}
