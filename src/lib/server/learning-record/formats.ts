import { z } from 'zod';

/** Longest IRI, string or map key the record accepts; longer values are almost certainly abuse. */
const MAX_IRI_LENGTH = 2048;
/** Deepest nesting allowed inside extension values (JSON that deep is an attack, not learning data). */
const MAX_EXTENSION_DEPTH = 32;

const IRI_PATTERN = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]+$/i;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const LANGUAGE_TAG_PATTERN =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)$/i;
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/** True when the value is an absolute IRI (best effort, as the spec allows). */
export function isIri(value: string): boolean {
  return value.length <= MAX_IRI_LENGTH && IRI_PATTERN.test(value);
}

/** True when the value is a UUID of RFC 4122 variant 2 in its standard string form. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** An absolute IRI such as an activity or verb id. */
export const IriSchema = z
  .string()
  .refine(isIri, 'must be an absolute IRI such as https://example.com/activities/intro');

/** An IRL (a resolvable IRI), used for homePage, moreInfo and fileUrl. */
export const IrlSchema = z
  .string()
  .refine(isIri, 'must be an absolute URL such as https://example.com/page');

/** A UUID, normalised to lower case so ids compare without regard to case. */
export const UuidSchema = z
  .string()
  .refine(isUuid, 'must be a UUID such as 3f2b9c1e-6d4a-4e8b-9a1c-2b7d5e8f0a13')
  .transform((value) => value.toLowerCase());

/** An RFC 5646 language tag such as en-US. */
export const LanguageTagSchema = z
  .string()
  .refine((value) => LANGUAGE_TAG_PATTERN.test(value), 'must be a language tag such as en-US');

/** A language map: language tag to text. */
export const LanguageMapSchema = z.record(
  LanguageTagSchema,
  z.string({ message: 'must be a string' }),
);

/** The parts of an ISO 8601 timestamp, as an instant. */
export interface ParsedTimestamp {
  /** Milliseconds since the epoch. */
  ms: number;
  /** Fraction digits past the millisecond, without trailing zeros (for exact comparison). */
  subMs: string;
}

/** Milliseconds since the epoch of a UTC date and time (Date.UTC would map years 0-99 to 19xx). */
function utcMs(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, m, s, ms);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** Parses an ISO 8601 combined date and time; no zone means UTC; -00:00 is refused as ISO 8601 does. */
export function parseTimestamp(value: string): ParsedTimestamp | null {
  const match = TIMESTAMP_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const fraction = match[7] ?? '';
  const sign = match[9];
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (year === undefined || month === undefined || day === undefined) return null;
  if (hour === undefined || minute === undefined || second === undefined) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59)
    return null;
  if (sign === '-' && offsetHours === 0 && offsetMinutes === 0) return null;
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const ms = utcMs(year, month, day, hour, minute, second, millis) - offset;
  if (!Number.isFinite(ms)) return null;
  return { ms, subMs: fraction.slice(3).replace(/0+$/, '') };
}

/** An ISO 8601 timestamp with date and time, e.g. 2026-03-01T09:30:00Z. */
export const TimestampSchema = z
  .string()
  .refine(
    (value) => parseTimestamp(value) !== null,
    'must be an ISO 8601 date and time such as 2026-03-01T09:30:00.000Z',
  );

function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit <= 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit - 1));
    if (deepest >= limit) break;
  }
  return deepest + 1;
}

/** Extensions: IRI keys, any JSON values (null included), nested at most a sane depth. */
export const ExtensionsSchema = z
  .record(IriSchema, z.unknown())
  .refine(
    (value) => depthOf(value, MAX_EXTENSION_DEPTH) <= MAX_EXTENSION_DEPTH,
    `must not nest deeper than ${MAX_EXTENSION_DEPTH} levels`,
  );

/** A statement's version property: any 1.0.x or 2.0.x. */
export const StatementVersionSchema = z
  .string()
  .regex(/^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/, 'must be a supported xAPI version: 1.0.x or 2.0.x');

/** True for ordinary JSON objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
