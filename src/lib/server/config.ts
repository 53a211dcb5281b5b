import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
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

/** True for hosts on this machine, where a test or a developer may run a provider over plain http. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The OpenID provider's issuer: https, or http on this machine only. */
const IssuerSchema = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        if (url.search || url.hash) return false;
        return (
          url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
        );
      } catch {
        return false;
      }
    },
    {
      message:
        'must be the https URL of your OpenID provider, such as https://login.microsoftonline.com/<tenant-id>/v2.0',
    },
  );

/** A yes/no switch written as true/false (also 1/0, yes/no). */
const SwitchSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['true', 'false', '1', '0', 'yes', 'no'].includes(value), {
    message: 'must be true or false',
  })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** A readable PEM private key file (PKCS#8 or PKCS#1, RSA or EC) for private_key_jwt. */
const PrivateKeyFileSchema = z
  .string()
  .trim()
  .refine(
    (path) => {
      try {
        const key = createPrivateKey(readFileSync(path));
        return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ec';
      } catch {
        return false;
      }
    },
    { message: 'must name a readable PEM file holding an RSA or EC private key' },
  );

/** Everything Switchyard reads from the environment, checked once at start-up. */
const ConfigObjectSchema = z.object({
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
  /** The OpenID provider's issuer URL; single sign-on is on when it is set. */
  OIDC_ISSUER: IssuerSchema.optional(),
  /** The client (application) id registered at the provider. */
  OIDC_CLIENT_ID: z.string().trim().min(1, 'must not be empty when set').optional(),
  /** The client secret (for client_secret_basic or client_secret_post). */
  OIDC_CLIENT_SECRET: z.string().min(1, 'must not be empty when set').optional(),
  /** How Switchyard authenticates to the token endpoint. */
  OIDC_CLIENT_AUTH: z
    .enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt'], {
      message: 'must be client_secret_basic, client_secret_post or private_key_jwt',
    })
    .default('client_secret_basic'),
  /** PEM private key for private_key_jwt; its public half is registered at the provider. */
  OIDC_CLIENT_KEY_FILE: PrivateKeyFileSchema.optional(),
  /** The key id (kid) the provider knows the key by, when it needs one. */
  OIDC_CLIENT_KEY_ID: z.string().trim().min(1, 'must not be empty when set').optional(),
  /** Scopes asked for at sign-in, separated by spaces. */
  OIDC_SCOPES: z
    .string()
    .trim()
    .refine((value) => value.split(/\s+/).includes('openid'), {
      message: 'must include openid, for example "openid email profile"',
    })
    .default('openid email profile'),
  /** Name on the sign-in button: "Sign in with <name>". */
  OIDC_DISPLAY_NAME: z
    .string()
    .trim()
    .min(1, 'must not be empty when set')
    .max(60, 'must be at most 60 characters')
    .default('your organisation'),
  /** The ID token claim that lists the person's groups. */
  OIDC_GROUPS_CLAIM: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_:./-]{1,100}$/, 'must be a claim name such as groups or roles')
    .default('groups'),
  /** When true, only single sign-on works, except for accounts marked break-glass. */
  SSO_ONLY: SwitchSchema.default(false),
});

/** Settings that only make sense together (a client id with an issuer, a secret or a key). */
export const ConfigSchema = ConfigObjectSchema.superRefine((config, context) => {
  const fail = (path: string, message: string): void => {
    context.addIssue({ code: 'custom', path: [path], message });
  };
  if (!config.OIDC_ISSUER) {
    if (config.SSO_ONLY) fail('SSO_ONLY', 'needs OIDC_ISSUER and the other OIDC_ settings');
    else if (config.OIDC_CLIENT_ID) fail('OIDC_ISSUER', 'must be set when OIDC_CLIENT_ID is');
    return;
  }
  if (!config.OIDC_CLIENT_ID) fail('OIDC_CLIENT_ID', 'must be set when OIDC_ISSUER is');
  else if (config.OIDC_CLIENT_AUTH === 'private_key_jwt') {
    if (!config.OIDC_CLIENT_KEY_FILE) {
      fail(
        'OIDC_CLIENT_KEY_FILE',
        'must name the private key file when OIDC_CLIENT_AUTH=private_key_jwt',
      );
    }
  } else if (!config.OIDC_CLIENT_SECRET) {
    fail(
      'OIDC_CLIENT_SECRET',
      'must be set when OIDC_ISSUER is (or set OIDC_CLIENT_AUTH=private_key_jwt with OIDC_CLIENT_KEY_FILE)',
    );
  }
});

export type Config = z.output<typeof ConfigSchema>;

/** The outcome of reading the environment: a config, or one line naming what is wrong. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parses the environment; empty strings count as unset so `VAR=` falls back to the default. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(ConfigObjectSchema.shape)) {
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
