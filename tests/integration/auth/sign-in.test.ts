import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { auditEvents, users } from '../../../db/schema.ts';
import { signIn } from '../../../src/lib/server/auth/sign-in.ts';
import {
  checkPasswordPolicy,
  hashPassword,
  verifyPassword,
} from '../../../src/lib/server/auth/password.ts';
import { setDisabled } from '../../../src/lib/server/auth/user.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { TEST_PASSWORD, addUser } from '../../helpers/people.ts';

let ctx: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  ctx = await createTestDatabase();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.cleanup();
});

describe('hashPassword', () => {
  test('uses argon2id with at least the OWASP parameters (19 MiB, 2 iterations, 1 lane)', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
  });
});

describe('checkPasswordPolicy', () => {
  test.each([
    ['short1', /at least 12/],
    ['qwerty123456', /common/],
    ['1q2w3e4r5t6y', /common/],
    ['someone@utility.example', /email/],
    ['aaaaaaaaaaaaaaaa', /repeat|common/],
  ])('refuses %j', (password, reason) => {
    expect(checkPasswordPolicy(password, 'someone@utility.example')).toMatch(reason);
  });

  test('accepts a long uncommon passphrase', () => {
    expect(checkPasswordPolicy('relay settings before lunch')).toBeNull();
  });
});

describe('signIn', () => {
  test('signs in with the right password, whatever the email case', async () => {
    const user = await addUser(ctx.db, { email: 'Operator@Utility.example' });
    const result = await signIn(ctx.db, {
      email: 'OPERATOR@utility.EXAMPLE',
      password: TEST_PASSWORD,
      ip: '10.0.0.1',
    });
    expect(result.ok && result.user.id).toBe(user.id);
  });

  test('gives one generic failure for an unknown email, a wrong password and a disabled account', async () => {
    const user = await addUser(ctx.db);
    const disabled = await addUser(ctx.db);
    await setDisabled(ctx.db, disabled.id, true);
    const outcomes = [
      await signIn(ctx.db, {
        email: 'nobody@utility.example',
        password: TEST_PASSWORD,
        ip: '10.0.0.2',
      }),
      await signIn(ctx.db, { email: user.email, password: 'wrong password here', ip: '10.0.0.3' }),
      await signIn(ctx.db, { email: disabled.email, password: TEST_PASSWORD, ip: '10.0.0.4' }),
    ];
    expect(outcomes).toEqual([
      { ok: false, reason: 'invalid' },
      { ok: false, reason: 'invalid' },
      { ok: false, reason: 'invalid' },
    ]);
  });

  test('an unknown email costs the same argon2 work as a wrong password', async () => {
    const user = await addUser(ctx.db);
    // CPU time of this process (argon2 runs on its thread pool), not wall time, so that other
    // processes on a loaded machine do not decide the result.
    const time = async (email: string, ip: string) => {
      const start = process.cpuUsage();
      await signIn(ctx.db, { email, password: 'not the password', ip });
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    await time('warm@utility.example', '10.1.0.0');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      known.push(await time(user.email, `10.1.0.${i + 1}`));
      unknown.push(await time(`ghost${i}@utility.example`, `10.1.1.${i + 1}`));
      await ctx.db.delete((await import('../../../db/schema.ts')).signInThrottles);
    }
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });

  test('throttles the 6th rapid failure for one account, with a retry time', async () => {
    const user = await addUser(ctx.db);
    for (let i = 0; i < 5; i += 1) {
      const result = await signIn(ctx.db, {
        email: user.email,
        password: 'wrong password here',
        ip: `10.2.0.${i}`,
      });
      expect(result).toEqual({ ok: false, reason: 'invalid' });
    }
    const sixth = await signIn(ctx.db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '10.2.0.9',
    });
    expect(sixth.ok).toBe(false);
    expect(!sixth.ok && sixth.reason).toBe('throttled');
    expect(!sixth.ok && sixth.reason === 'throttled' && sixth.retryAfter).toBeGreaterThan(0);
  });

  test('locks grow with further failures and end after the retry time', async () => {
    const user = await addUser(ctx.db);
    const start = Date.now();
    const waits: number[] = [];
    let at = start;
    for (let round = 0; round < 8; round += 1) {
      vi.useFakeTimers({ now: at, toFake: ['Date'] });
      const result = await signIn(ctx.db, {
        email: user.email,
        password: 'wrong password here',
        ip: `10.3.0.${round}`,
      });
      expect(result.ok).toBe(false);
      const probe = await signIn(ctx.db, {
        email: user.email,
        password: 'wrong password here',
        ip: `10.3.1.${round}`,
      });
      if (!probe.ok && probe.reason === 'throttled') {
        waits.push(probe.retryAfter);
        at += probe.retryAfter * 1000 + 1;
      }
    }
    expect(waits.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < waits.length; i += 1)
      expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0);
    expect(waits.at(-1)).toBeGreaterThan(waits[0] ?? 0);
  });

  test('throttles one IP that tries many accounts', async () => {
    for (let i = 0; i < 20; i += 1) {
      await signIn(ctx.db, {
        email: `guess${i}@utility.example`,
        password: 'wrong password here',
        ip: '192.0.2.7',
      });
    }
    const next = await signIn(ctx.db, {
      email: 'another@utility.example',
      password: 'wrong password here',
      ip: '192.0.2.7',
    });
    expect(!next.ok && next.reason).toBe('throttled');
  });

  test('records success, failure and lockout in the audit log', async () => {
    const user = await addUser(ctx.db);
    await signIn(ctx.db, { email: user.email, password: TEST_PASSWORD, ip: '10.4.0.1' });
    for (let i = 0; i < 5; i += 1) {
      await signIn(ctx.db, { email: user.email, password: 'wrong password here', ip: '10.4.0.2' });
    }
    const types = (await ctx.db.select().from(auditEvents)).map((event) => event.type);
    expect(types).toContain('sign-in.success');
    expect(types).toContain('sign-in.failure');
    expect(types).toContain('sign-in.lockout');
    const rows = await ctx.db.select().from(users);
    expect(rows).toHaveLength(1);
  });
});
