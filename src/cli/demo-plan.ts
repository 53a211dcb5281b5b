import { addCalendarMonths } from '../lib/shared/assignments/status.ts';
import { parseItemKey, type ItemCatalog } from '../lib/server/assignments/item-catalog.ts';
import type { Outcome } from './demo-record.ts';

const DAY = 24 * 60 * 60 * 1000;

/** What each demo team is assigned, and how its fifteen learners stand on it, so every dashboard tells a story. */

/** How a learner stands on an item: done lately, done long ago (expiring or expired), started, or not. */
export type Story = 'recent' | 'expiring' | 'expired' | 'started';

export interface PlannedAssignment {
  /** `type:id`; items the catalogue lacks are skipped. */
  item: string;
  /** Due date, in days from today (negative: already past). */
  dueInDays: number;
  recurrenceMonths?: number;
  note?: string;
  /** Learners per story; the rest of the team has not started. */
  mix: Partial<Record<Story, number>>;
  /** Assigned to this one learner instead of the team. */
  assignee?: string;
}

const CIP = 'course:cip-004-role-based-training';
const CIP_NOTE =
  'NERC CIP-004 R2: role-based training before access, then at least once every 15 calendar months.';

export const DEMO_PLAN: Record<string, PlannedAssignment[]> = {
  'substation-maintenance': [
    {
      item: CIP,
      dueInDays: -12,
      recurrenceMonths: 15,
      note: CIP_NOTE,
      mix: { recent: 9, expiring: 2, expired: 1, started: 1 },
    },
    {
      item: 'course:substation-fundamentals',
      dueInDays: 40,
      note: 'Refresher before the spring outage season.',
      mix: { recent: 6, started: 5 },
    },
    { item: 'scenario:isolate-t1', dueInDays: 25, mix: { recent: 5, started: 3 } },
    {
      item: 'course:sql-for-grid-data',
      dueInDays: 60,
      note: 'Pull your own relay event data instead of waiting for a report.',
      mix: { recent: 4, started: 4 },
    },
  ],
  'grid-operations': [
    {
      item: CIP,
      dueInDays: 5,
      recurrenceMonths: 15,
      note: CIP_NOTE,
      mix: { recent: 8, expiring: 3, started: 2 },
    },
    { item: 'course:ot-security-foundations', dueInDays: 30, mix: { recent: 5, started: 6 } },
    {
      item: 'track:data-analytics',
      dueInDays: 90,
      note: 'Historian and alarm analysis for the control room.',
      mix: { recent: 2, started: 6 },
    },
  ],
  'enterprise-it': [
    {
      item: CIP,
      dueInDays: 45,
      recurrenceMonths: 15,
      note: CIP_NOTE,
      mix: { recent: 6, expiring: 1, expired: 2, started: 3 },
    },
    {
      item: 'course:distribution-grid-basics',
      dueInDays: -20,
      note: 'Everyone who supports grid systems should know what a feeder is.',
      mix: { recent: 9, started: 3 },
    },
    { item: 'course:der-and-inverters', dueInDays: 30, mix: { recent: 4, started: 5 } },
  ],
  'cyber-security': [
    {
      item: CIP,
      dueInDays: -30,
      recurrenceMonths: 15,
      note: CIP_NOTE,
      mix: { recent: 11, expiring: 2, expired: 1 },
    },
    { item: 'course:substation-networks-iec-61850', dueInDays: 14, mix: { recent: 5, started: 6 } },
    { item: 'scenario:isolate-t1', dueInDays: 30, mix: { recent: 4, started: 3 } },
    {
      item: 'course:hosting-capacity-and-derms',
      dueInDays: 60,
      assignee: 'Kenji Watanabe',
      note: 'Before the DERMS security review.',
      mix: { started: 1 },
    },
  ],
};

/** Courses learners take of their own accord, from the other side of the house. */
export const CROSS_SKILL_COURSES = {
  ot: [
    'sql-for-grid-data',
    'historian-time-series',
    'events-and-anomalies',
    'ot-security-foundations',
  ],
  it: ['substation-fundamentals', 'distribution-grid-basics', 'der-and-inverters'],
} as const;

/** When a learner did the work for a story, relative to now (expiring and expired need a recurrence). */
export function outcomeOf(
  story: Story,
  now: number,
  recurrence: number | undefined,
  random: () => number,
): Outcome {
  const days = (low: number, high: number) => (low + random() * (high - low)) * DAY;
  if (story === 'started') return { kind: 'started', startAt: now - days(2, 90) };
  let completeAt = now - days(3, 170);
  if (recurrence && story === 'expiring')
    completeAt = addCalendarMonths(now, -recurrence) + days(4, 26);
  if (recurrence && story === 'expired')
    completeAt = addCalendarMonths(now, -recurrence) - days(10, 60);
  return { kind: 'completed', startAt: completeAt - days(1, 20), completeAt };
}

/** A Fisher-Yates shuffle driven by the seeded random source. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** The work a learner did: what to generate per course and scenario (first plan wins). */
export type Work = Map<string, { type: 'course' | 'scenario'; outcome: Outcome }>;

export function planWork(work: Work, catalog: ItemCatalog, key: string, outcome: Outcome): void {
  const parsed = parseItemKey(key);
  if (!parsed) return;
  if (parsed.type !== 'track') {
    if (!work.has(key)) work.set(key, { type: parsed.type, outcome });
    return;
  }
  const courses = catalog.tracks.find((track) => track.slug === parsed.id)?.courses ?? [];
  courses.forEach((course, index) => {
    const partial: Outcome =
      outcome.kind === 'completed' || index === 0
        ? {
            kind: 'completed',
            startAt: outcome.startAt,
            completeAt: outcome.startAt + (index + 2) * 3 * DAY,
          }
        : { kind: 'started', startAt: outcome.startAt + 4 * DAY };
    if (outcome.kind === 'started' && index > 1) return;
    const courseKey = `course:${course.slug}`;
    if (!work.has(courseKey)) work.set(courseKey, { type: 'course', outcome: partial });
  });
}
