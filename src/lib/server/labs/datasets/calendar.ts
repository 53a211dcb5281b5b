/** Milliseconds in a minute, an hour and a day. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `YYYY-MM-DDTHH:MM:SSZ` for an instant. */
export function formatUtcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ` for an instant. */
export function formatUtcMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * `YYYY-MM-DDTHH:MM:SS` without an offset, for data recorded in local standard time. The argument
 * is the local wall-clock time expressed as if it were UTC.
 */
export function formatLocal(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 19);
}

/** `YYYY-MM-DD` of a wall-clock time expressed as if it were UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Fractional hour of day (0 to 24) of a wall-clock time expressed as if it were UTC. */
export function hourOfDay(ms: number): number {
  return (((ms % DAY) + DAY) % DAY) / HOUR;
}

/** Day of week, 0 = Sunday, of a wall-clock time expressed as if it were UTC. */
export function dayOfWeek(ms: number): number {
  return new Date(ms).getUTCDay();
}

/** Linear interpolation in a 24-value hourly profile, wrapping at midnight. */
export function hourlyProfile(profile: readonly number[], hour: number): number {
  const index = Math.floor(hour) % 24;
  const fraction = hour - Math.floor(hour);
  const here = profile[index] ?? 0;
  const nextValue = profile[(index + 1) % 24] ?? 0;
  return here + (nextValue - here) * fraction;
}

/** Daily temperature shape: minimum at 06:00, maximum at 16:00, between 0 and 1. */
export function diurnalShape(hour: number): number {
  if (hour >= 6 && hour <= 16) return (1 - Math.cos((Math.PI * (hour - 6)) / 10)) / 2;
  const sinceMax = hour > 16 ? hour - 16 : hour + 8;
  return (1 + Math.cos((Math.PI * sinceMax) / 14)) / 2;
}
