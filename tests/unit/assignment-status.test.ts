import { describe, expect, test } from 'vitest';
import {
  addCalendarMonths,
  addMonthsToDate,
  assignmentStatus,
  calendarDate,
  deadlineOf,
  endOfDay,
  validThrough,
  type StatusInput,
} from '../../src/lib/shared/assignments/status.ts';

const at = (iso: string) => Date.parse(iso);

/** A status input with a far-away due date and no completion, overridden per test. */
function input(overrides: Partial<StatusInput>): StatusInput {
  return {
    dueDate: '2030-01-01',
    recurrenceMonths: null,
    lastCompletedAt: null,
    isInProgress: false,
    now: at('2025-01-01T12:00:00Z'),
    timeZone: 'UTC',
    ...overrides,
  };
}

describe('endOfDay', () => {
  test.each([
    ['2025-03-10', 'UTC', '2025-03-10T23:59:59.999Z'],
    // Chicago springs forward on 2025-03-09: that day ends at midnight CDT (UTC-5).
    ['2025-03-08', 'America/Chicago', '2025-03-09T05:59:59.999Z'],
    ['2025-03-09', 'America/Chicago', '2025-03-10T04:59:59.999Z'],
    // Berlin falls back on 2025-10-26: that day is 25 hours long and ends at midnight CET (UTC+1).
    ['2025-10-25', 'Europe/Berlin', '2025-10-25T21:59:59.999Z'],
    ['2025-10-26', 'Europe/Berlin', '2025-10-26T22:59:59.999Z'],
    // A quarter-hour offset (UTC+5:45).
    ['2025-06-01', 'Asia/Kathmandu', '2025-06-01T18:14:59.999Z'],
  ])('the day %s in %s ends at %s', (date, zone, end) => {
    expect(new Date(endOfDay(date, zone)).toISOString()).toBe(end);
  });
});

describe('calendarDate', () => {
  test('is the date on the wall clock of the zone, not of UTC', () => {
    const instant = at('2025-02-01T05:30:00Z');
    expect(calendarDate(instant, 'UTC')).toBe('2025-02-01');
    expect(calendarDate(instant, 'America/Chicago')).toBe('2025-01-31');
    expect(calendarDate(at('2025-06-01T18:14:59Z'), 'Asia/Kathmandu')).toBe('2025-06-01');
    expect(calendarDate(at('2025-06-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2025-06-02');
  });
});

describe('addMonthsToDate', () => {
  test.each([
    ['2025-01-15', 15, '2026-04-15'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-01-31', 13, '2025-02-28'],
    ['2024-08-31', 15, '2025-11-30'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-12-31', 15, '2027-03-31'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonthsToDate(date, months)).toBe(expected);
  });

  test('addCalendarMonths keeps the time of day', () => {
    expect(new Date(addCalendarMonths(at('2024-01-31T08:45:00Z'), 1)).toISOString()).toBe(
      '2024-02-29T08:45:00.000Z',
    );
  });
});

describe('assignmentStatus without a completion', () => {
  test('a deadline ends at the end of the due date in the organisation time zone', () => {
    const base = { dueDate: '2025-03-09', timeZone: 'America/Chicago' };
    const lastMinute = assignmentStatus(input({ ...base, now: at('2025-03-10T04:59:00Z') }));
    expect(lastMinute.code).toBe('due-soon');
    expect(new Date(deadlineOf('2025-03-09', 'America/Chicago')[0]).toISOString()).toBe(
      '2025-03-10T04:59:59.999Z',
    );
    expect(assignmentStatus(input({ ...base, now: at('2025-03-10T05:00:00Z') })).code).toBe(
      'overdue',
    );
  });

  test('the same instant is overdue in one zone and due soon in a zone to the west', () => {
    const base = { dueDate: '2025-03-10', now: at('2025-03-11T02:00:00Z') };
    expect(assignmentStatus(input({ ...base, timeZone: 'UTC' })).code).toBe('overdue');
    expect(assignmentStatus(input({ ...base, timeZone: 'America/Los_Angeles' })).code).toBe(
      'due-soon',
    );
  });

  test('is due soon during the 7 calendar days that end on the due date', () => {
    const base = { dueDate: '2025-06-20' };
    expect(assignmentStatus(input({ ...base, now: at('2025-06-13T23:59:59Z') })).code).toBe(
      'not-started',
    );
    expect(assignmentStatus(input({ ...base, now: at('2025-06-14T00:00:00Z') })).code).toBe(
      'due-soon',
    );
    expect(assignmentStatus(input({ ...base, now: at('2025-06-20T23:59:59Z') })).code).toBe(
      'due-soon',
    );
  });

  test('the due-soon window counts calendar days across a daylight-saving change', () => {
    // 2025-03-09 is 23 hours long in Chicago; the window still starts at local midnight on 03-07.
    const base = { dueDate: '2025-03-13', timeZone: 'America/Chicago' };
    expect(assignmentStatus(input({ ...base, now: at('2025-03-07T05:59:00Z') })).code).toBe(
      'not-started',
    );
    expect(assignmentStatus(input({ ...base, now: at('2025-03-07T06:00:00Z') })).code).toBe(
      'due-soon',
    );
  });

  test('is in progress once started and still far from the deadline', () => {
    expect(assignmentStatus(input({ isInProgress: true })).code).toBe('in-progress');
    expect(assignmentStatus(input({ isInProgress: false })).code).toBe('not-started');
  });
});

describe('assignmentStatus with a completion', () => {
  test('a completion of an item that does not recur stays valid for ever', () => {
    const status = assignmentStatus(
      input({ lastCompletedAt: at('2015-01-01T00:00:00Z'), now: at('2029-12-31T00:00:00Z') }),
    );
    expect(status).toMatchObject({ code: 'completed', label: 'Completed', validUntil: null });
  });

  test('a 15-month recurrence: completed, then expiring in the last 30 days, then expired', () => {
    const base = { recurrenceMonths: 15, lastCompletedAt: at('2025-01-15T15:00:00Z') };
    expect(validThrough(base.lastCompletedAt, 15, 'UTC')).toBe('2026-04-15');
    const completed = assignmentStatus(input({ ...base, now: at('2026-03-16T12:00:00Z') }));
    expect(completed.code).toBe('completed');
    expect(completed.label).toBe('Completed (valid until 2026-04-15)');
    expect(assignmentStatus(input({ ...base, now: at('2026-03-17T00:00:00Z') })).code).toBe(
      'expiring',
    );
    const lastDay = assignmentStatus(input({ ...base, now: at('2026-04-15T23:59:59Z') }));
    expect(lastDay).toMatchObject({
      code: 'expiring',
      label: 'Expiring soon (valid until 2026-04-15)',
    });
    const expired = assignmentStatus(input({ ...base, now: at('2026-04-16T00:00:00Z') }));
    expect(expired).toMatchObject({
      code: 'expired',
      label: 'Expired (was valid until 2026-04-15)',
    });
    expect(new Date(expired.validUntil ?? 0).toISOString()).toBe('2026-04-15T23:59:59.999Z');
  });

  test('the months count from the completion day in the organisation zone, with month ends clamped', () => {
    // 23:30 on 31 January in Chicago is already 1 February in UTC.
    const completedAt = at('2025-02-01T05:30:00Z');
    expect(validThrough(completedAt, 15, 'America/Chicago')).toBe('2026-04-30');
    expect(validThrough(completedAt, 15, 'UTC')).toBe('2026-05-01');
    const status = assignmentStatus(
      input({
        timeZone: 'America/Chicago',
        recurrenceMonths: 15,
        lastCompletedAt: completedAt,
        now: at('2026-05-01T04:59:59Z'),
      }),
    );
    // Completed in winter (CST), valid through a summer day that ends at midnight CDT.
    expect(status.code).toBe('expiring');
    expect(new Date(status.validUntil ?? 0).toISOString()).toBe('2026-05-01T04:59:59.999Z');
    expect(
      assignmentStatus(
        input({
          timeZone: 'America/Chicago',
          recurrenceMonths: 15,
          lastCompletedAt: completedAt,
          now: at('2026-05-01T05:00:00Z'),
        }),
      ).code,
    ).toBe('expired');
  });

  test('a lapsed completion is expired even when the due date is still ahead', () => {
    const status = assignmentStatus(
      input({
        dueDate: '2027-01-01',
        recurrenceMonths: 12,
        lastCompletedAt: at('2024-01-10T10:00:00Z'),
        now: at('2025-06-01T00:00:00Z'),
      }),
    );
    expect(status.code).toBe('expired');
  });

  test('recertification restarts the validity from the new completion', () => {
    const now = at('2026-06-01T00:00:00Z');
    const first = input({ recurrenceMonths: 15, lastCompletedAt: at('2025-01-15T10:00:00Z'), now });
    expect(assignmentStatus(first).code).toBe('expired');
    const renewed = assignmentStatus({ ...first, lastCompletedAt: at('2026-05-20T10:00:00Z') });
    expect(renewed).toMatchObject({
      code: 'completed',
      label: 'Completed (valid until 2027-08-20)',
    });
  });

  test('a completion counts whatever the due date, even after the deadline passed', () => {
    const status = assignmentStatus(
      input({
        dueDate: '2025-01-01',
        lastCompletedAt: at('2025-02-01T00:00:00Z'),
        now: at('2025-03-01T00:00:00Z'),
      }),
    );
    expect(status.code).toBe('completed');
  });
});
