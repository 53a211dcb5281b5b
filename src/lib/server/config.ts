import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts';

/** Database URLs libSQL accepts: a local file, memory, or a libSQL server. */
const DatabaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^(file:.+|:memory:|libsql:\/\/.+|https?:\/\/.+|wss?:\/\/.+)$/.test(value), {
    message:
      'must be file:PATH, :memory:, or a libsql://, http(s):// or ws(s):// URL of a libSQL server',
  });

/** Whole positive days, used by the session timeouts. */
const DaysSchema = z.coerce
  .number({ message: 'must be a number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(3650, 'must be at most 3650 days');

/** Everything Switchyard reads from the environment, checked once at start-up. */
export const ConfigSchema = z.object({
  /** Where the database lives. */
  DATABASE_URL: DatabaseUrlSchema.default('file:./data/switchyard.db'),
  /** Token for a remote libSQL server (sqld, Turso). */
  DATABASE_AUTH_TOKEN: z.string().min(1, 'must not be empty when set').optional(),
  /** TCP port the server listens on. */
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(4321),
  /** Interface the server binds to. */
  HOST: z.string().trim().min(1, 'must not be empty').default('localhost'),
  /** The URL people use to reach Switchyard (drives Secure cookies and origin checks behind a proxy). */
  PUBLIC_ORIGIN: z
    .url({ message: 'must be an absolute URL such as https://training.example.com' })
    .refine((value) => /^https?:/.test(value), { message: 'must start with http:// or https://' })
    .transform((value) => new URL(value).origin)
    .optional(),
  /** IANA time zone in which due dates end (the last moment of the due date there). */
  ORG_TIME_ZONE: z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: value });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be an IANA time zone such as America/Chicago or UTC' },
    )
    .default('UTC'),
  /** A session unused for this many days ends. */
  SESSION_IDLE_DAYS: DaysSchema.default(7),
  /** A session ends this many days after sign-in, used or not. */
  SESSION_ABSOLUTE_DAYS: DaysSchema.default(30),
  /** Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed. */
  TRUSTED_PROXIES: z
    .string()
    .transform((value, context): TrustedProxies | undefined => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `${error instanceof Error ? error.message : 'is invalid'}; list addresses or CIDR ranges separated by commas, such as 10.0.0.5,192.168.10.0/24`,
        });
        return z.NEVER;
      }
    })
    .optional(),
});

export type Config = z.output<typeof ConfigSchema>;

/** The outcome of reading the environment: a config, or one line naming what is wrong. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parses the environment; empty strings count as unset so `VAR=` falls back to the default. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = ConfigSchema.safeParse(cleaned);
  if (result.success) return { ok: true, config: result.data };
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'configuration');
  return { ok: false, message: `Invalid ${name}: ${issue?.message ?? 'invalid value'}` };
}

let cached: Config | undefined;

/** The process's configuration; throws with the one-line message when the environment is invalid. */
export function getConfig(): Config {
  if (cached) return cached;
  const result = parseConfig(process.env);
  if (!result.ok) throw new Error(result.message);
  cached = result.config;
  return cached;
}
