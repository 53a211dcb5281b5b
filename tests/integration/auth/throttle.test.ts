import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../../db/schema.ts';
import { signIn } from '../../../src/lib/server/auth/sign-in.ts';
import { FREE_ATTEMPTS } from '../../../src/lib/server/auth/throttle.ts';
import { findTrustedDevice, trustDevice } from '../../../src/lib/server/auth/device.ts';
import { changeOwnPassword } from '../../../src/lib/server/auth/account.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { TEST_PASSWORD, addUser } from '../../helpers/people.ts';

let ctx: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  ctx = await createTestDatabase();
});
afterEach(() => ctx.cleanup());

/** Password checks that ran: every check that was not refused by the throttle is audited as a failure. */
async function failuresAudited(subjectId: string): Promise<number> {
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.type, 'sign-in.failure'), eq(auditEvents.subjectId, subjectId)));
  return rows.length;
}

describe('sign-in throttle', () => {
  test('100 concurrent guesses on one account run at most the free number of argon2 checks', async () => {
    const user = await addUser(ctx.db);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        signIn(ctx.db, { email: user.email, password: `guess number ${i}`, ip: `10.9.${i}.1` }),
      ),
    );
    const invalid = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    const throttled = results.filter((r) => !r.ok && r.reason === 'throttled').length;
    expect(invalid).toBeLessThanOrEqual(FREE_ATTEMPTS.account);
    expect(invalid + throttled).toBe(100);
    expect(await failuresAudited(user.id)).toBe(invalid);
  });

  test('100 usernames from one address are checked at most the free number of times', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        signIn(ctx.db, { email: `guess${i}@utility.example`, password: 'x', ip: '192.0.2.50' }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(checked).toBeLessThanOrEqual(FREE_ATTEMPTS.ip);
  });

  test('failures from six other addresses do not stop the person in their trusted browser', async () => {
    const user = await addUser(ctx.db);
    const first = await signIn(ctx.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '10.8.0.1',
    });
    expect(first.ok).toBe(true);
    const { token } = await trustDevice(ctx.db, user.id, null, undefined);
    for (let i = 0; i < 6; i++) {
      await signIn(ctx.db, { email: user.email, password: 'attacker guess', ip: `203.0.113.${i}` });
    }
    const elsewhere = await signIn(ctx.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '198.51.100.1',
    });
    expect(!elsewhere.ok && elsewhere.reason).toBe('throttled');
    const device = await findTrustedDevice(ctx.db, token);
    const trusted = await signIn(ctx.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '10.8.0.1',
      device,
    });
    expect(trusted.ok).toBe(true);
  });

  test('a device cookie of another person gives no way around the account counter', async () => {
    const owner = await addUser(ctx.db);
    const target = await addUser(ctx.db);
    const { token } = await trustDevice(ctx.db, owner.id, null, undefined);
    const device = await findTrustedDevice(ctx.db, token);
    const results = [];
    for (let i = 0; i < 8; i++) {
      results.push(
        await signIn(ctx.db, { email: target.email, password: 'guess', ip: `10.7.0.${i}`, device }),
      );
    }
    expect(results.filter((r) => !r.ok && r.reason === 'throttled').length).toBeGreaterThan(0);
  });

  test('wrong current passwords on the account page are throttled the same way', async () => {
    const user = await addUser(ctx.db);
    const statuses: number[] = [];
    for (let i = 0; i < FREE_ATTEMPTS.account + 1; i++) {
      const result = await changeOwnPassword(ctx.db, {
        userId: user.id,
        sessionId: 'none',
        current: 'not my password',
        next: 'a brand new passphrase here',
        ip: '10.6.0.1',
      });
      statuses.push(result.ok ? 200 : result.status);
    }
    expect(statuses.slice(0, FREE_ATTEMPTS.account)).toEqual(
      Array(FREE_ATTEMPTS.account).fill(400),
    );
    expect(statuses.at(-1)).toBe(429);
  });
});
