import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { cmi5Sessions } from '../../../../db/schema.ts';

/** An AU launch session. */
export type LaunchSession = typeof cmi5Sessions.$inferSelect;
export type LaunchMode = LaunchSession['launchMode'];

/**
 * How long a session may go without a statement before it counts as abandoned (cmi5 9.3.6): the
 * next launch in the registration abandons an open session at once; after this timeout any
 * request with its token finds it ended.
 */
export const SESSION_IDLE_TIMEOUT_MS = 4 * 60 * 60 * 1000;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** Creates a session and its single-use fetch key (returned once; only its hash is kept). */
export async function createSession(
  db: Database,
  input: { registrationId: string; auIndex: number; launchMode: LaunchMode; at: number },
): Promise<{ session: LaunchSession; fetchKey: string }> {
  const fetchKey = randomBytes(24).toString('base64url');
  const session: LaunchSession = {
    id: crypto.randomUUID(),
    registrationId: input.registrationId,
    auIndex: input.auIndex,
    launchMode: input.launchMode,
    fetchKeyHash: hash(fetchKey),
    tokenHash: null,
    fetchedAt: null,
    launchedAt: input.at,
    lastActivityAt: input.at,
    expiresAt: input.at + SESSION_IDLE_TIMEOUT_MS,
    initializedAt: null,
    terminatedAt: null,
    abandonedAt: null,
  };
  await db.insert(cmi5Sessions).values(session);
  return { session, fetchKey };
}

/** True when a session can take no more statements: terminated, abandoned or idle too long. */
export function isSessionEnded(session: LaunchSession, at: number): boolean {
  return (
    session.terminatedAt !== null ||
    session.abandonedAt !== null ||
    at - session.lastActivityAt > SESSION_IDLE_TIMEOUT_MS
  );
}

/** What the fetch URL answers (cmi5 8.2): a token once, then error code 1; unknown keys code 2. */
export type FetchOutcome =
  { ok: true; authToken: string } | { ok: false; code: '1' | '2'; text: string };

/** Redeems a fetch key: the first call gets the auth token, every later one error code 1. */
export async function redeemFetchKey(
  db: Database,
  fetchKey: string,
  at: number,
): Promise<FetchOutcome> {
  const token = randomBytes(32).toString('base64url');
  const claimed = await db
    .update(cmi5Sessions)
    .set({ tokenHash: hash(token), fetchedAt: at })
    .where(and(eq(cmi5Sessions.fetchKeyHash, hash(fetchKey)), isNull(cmi5Sessions.fetchedAt)))
    .returning();
  const session = claimed[0];
  if (session && !isSessionEnded(session, at)) {
    // Basic credentials in one string (cmi5 8.2.1): the AU sends "Basic <auth-token>".
    return { ok: true, authToken: Buffer.from(`cmi5:${token}`).toString('base64') };
  }
  const known = session
    ? [session]
    : await db
        .select()
        .from(cmi5Sessions)
        .where(eq(cmi5Sessions.fetchKeyHash, hash(fetchKey)));
  if (known.length === 0) {
    return { ok: false, code: '2', text: 'This fetch URL is not one Switchyard issued.' };
  }
  return {
    ok: false,
    code: '1',
    text: session
      ? 'The AU session has expired; launch the unit again.'
      : 'The authorization token has already been returned.',
  };
}

/** The session a launch token belongs to, or null. */
export async function findSessionByToken(
  db: Database,
  token: string,
): Promise<LaunchSession | null> {
  const rows = await db
    .select()
    .from(cmi5Sessions)
    .where(eq(cmi5Sessions.tokenHash, hash(token)))
    .limit(1);
  return rows[0] ?? null;
}

/** Sessions of a registration that are neither terminated nor abandoned. */
export function openSessions(db: Database, registrationId: string): Promise<LaunchSession[]> {
  return db
    .select()
    .from(cmi5Sessions)
    .where(
      and(
        eq(cmi5Sessions.registrationId, registrationId),
        isNull(cmi5Sessions.terminatedAt),
        isNull(cmi5Sessions.abandonedAt),
      ),
    );
}

/** Finds a session by id, or null. */
export async function findSession(db: Database, id: string): Promise<LaunchSession | null> {
  const rows = await db.select().from(cmi5Sessions).where(eq(cmi5Sessions.id, id)).limit(1);
  return rows[0] ?? null;
}
