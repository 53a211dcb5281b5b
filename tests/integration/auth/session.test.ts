import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { sessions } from '../../../db/schema.ts';
import {
  createSession,
  hashToken,
  invalidateSession,
  sessionPolicy,
  validateSessionToken,
} from '../../../src/lib/server/auth/session.ts';
import { setDisabled, setPassword } from '../../../src/lib/server/auth/user.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';

const policy = sessionPolicy(7, 30);
const DAY = 24 * 60 * 60 * 1000;
let ctx: Awaited<ReturnType<typeof createTestDatabase>>;

beforeEach(async () => {
  ctx = await createTestDatabase();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.cleanup();
});

describe('createSession', () => {
  test('issues a token of at least 120 bits and stores only its SHA-256', async () => {
    const user = await addUser(ctx.db);
    const { token } = await createSession(ctx.db, user.id, policy);
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
    const rows = await ctx.db.select().from(sessions);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(rows[0]?.id).toBe(hashToken(token));
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  test('gives a new session on every sign-in', async () => {
    const user = await addUser(ctx.db);
    const first = await createSession(ctx.db, user.id, policy);
    const second = await createSession(ctx.db, user.id, policy);
    expect(first.token).not.toBe(second.token);
    expect(await ctx.db.select().from(sessions)).toHaveLength(2);
  });
});

describe('validateSessionToken', () => {
  test('accepts a live token and returns the user', async () => {
    const user = await addUser(ctx.db, { displayName: 'Grace' });
    const { token } = await createSession(ctx.db, user.id, policy);
    const result = await validateSessionToken(ctx.db, token, policy);
    expect(result.user?.displayName).toBe('Grace');
  });

  test.each(['', 'not-a-token', 'a'.repeat(32), 'A'.repeat(32)])(
    'rejects the token %j',
    async (token) => {
      expect((await validateSessionToken(ctx.db, token, policy)).session).toBeNull();
    },
  );

  test('rejects and deletes a session idle for longer than the idle timeout', async () => {
    const user = await addUser(ctx.db);
    const { token } = await createSession(ctx.db, user.id, policy);
    vi.useFakeTimers({ now: Date.now() + 7 * DAY + 1000, toFake: ['Date'] });
    expect((await validateSessionToken(ctx.db, token, policy)).session).toBeNull();
    expect(await ctx.db.select().from(sessions)).toHaveLength(0);
  });

  test('keeps an active session alive past the idle timeout but ends it at the absolute timeout', async () => {
    const user = await addUser(ctx.db);
    const start = Date.now();
    const { token } = await createSession(ctx.db, user.id, policy);
    for (let day = 6; day < 30; day += 6) {
      vi.useFakeTimers({ now: start + day * DAY, toFake: ['Date'] });
      expect((await validateSessionToken(ctx.db, token, policy)).session).not.toBeNull();
    }
    vi.useFakeTimers({ now: start + 30 * DAY + 1000, toFake: ['Date'] });
    expect((await validateSessionToken(ctx.db, token, policy)).session).toBeNull();
  });

  test('rejects a deleted session (sign-out)', async () => {
    const user = await addUser(ctx.db);
    const { token, session } = await createSession(ctx.db, user.id, policy);
    await invalidateSession(ctx.db, session.id);
    expect((await validateSessionToken(ctx.db, token, policy)).session).toBeNull();
  });

  test('disabling a user ends all of their sessions', async () => {
    const user = await addUser(ctx.db);
    const { token } = await createSession(ctx.db, user.id, policy);
    await setDisabled(ctx.db, user.id, true);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(
      0,
    );
    expect((await validateSessionToken(ctx.db, token, policy)).session).toBeNull();
  });

  test('changing a password ends the other sessions and keeps the current one', async () => {
    const user = await addUser(ctx.db);
    const current = await createSession(ctx.db, user.id, policy);
    const other = await createSession(ctx.db, user.id, policy);
    await setPassword(ctx.db, user.id, 'a brand new passphrase', current.session.id);
    expect((await validateSessionToken(ctx.db, current.token, policy)).session).not.toBeNull();
    expect((await validateSessionToken(ctx.db, other.token, policy)).session).toBeNull();
  });
});
