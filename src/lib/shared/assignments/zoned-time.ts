/** Calendar dates in an IANA time zone, cached: reports turn hundreds of thousands of instants into dates. */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Zone offsets and their changes fall on quarter hours, so every instant in one quarter hour shares a date. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const CACHE_LIMIT = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const dateCache = new Map<string, Map<number, string>>();
const endOfDayCache = new Map<string, Map<string, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The per-zone cache in a family of caches, started afresh when it grows past its limit. */
function cacheFor<K, V>(caches: Map<string, Map<K, V>>, timeZone: string): Map<K, V> {
  let cache = caches.get(timeZone);
  if (!cache || cache.size > CACHE_LIMIT) {
    cache = new Map();
    caches.set(timeZone, cache);
  }
  return cache;
}

/** Wall-clock parts of an instant in a time zone. */
function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The quarter hour of an instant: instants of one quarter hour share their date in every zone. */
export function dateBucket(instant: number): number {
  return Math.floor(instant / QUARTER_HOUR_MS);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(instant: number, timeZone: string): string {
  const cache = cacheFor(dateCache, timeZone);
  const bucket = dateBucket(instant);
  let date = cache.get(bucket);
  if (date === undefined) {
    const p = wallClock(bucket * QUARTER_HOUR_MS, timeZone);
    date = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    cache.set(bucket, date);
  }
  return date;
}

/** An instant as YYYY-MM-DD in a time zone (how Switchyard shows dates). */
export const formatDate = calendarDate;

/** The last millisecond of a calendar date (YYYY-MM-DD) in a time zone. */
export function endOfDay(date: string, timeZone: string): number {
  const cache = cacheFor(endOfDayCache, timeZone);
  let end = cache.get(date);
  if (end === undefined) {
    const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
    const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
    // Two passes settle the offset across a daylight-saving change.
    let guess = nextMidnightUtc - zoneOffsetMs(nextMidnightUtc, timeZone);
    guess = nextMidnightUtc - zoneOffsetMs(guess, timeZone);
    end = guess - 1;
    cache.set(date, end);
  }
  return end;
}

/** Adds whole days to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar month (YYYY-MM) of an instant in a time zone. */
export function calendarMonth(instant: number, timeZone: string): string {
  return calendarDate(instant, timeZone).slice(0, 7);
}
