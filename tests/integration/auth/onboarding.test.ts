import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { oneTimeTokens } from '../../../db/schema.ts';
import {
  completeSetup,
  ensureSetupToken,
  findLinkHolder,
  invitePerson,
  issuePasswordReset,
  setPasswordWithLink,
} from '../../../src/lib/server/auth/onboarding.ts';
import {
  createSession,
  sessionPolicy,
  validateSessionToken,
} from '../../../src/lib/server/auth/session.ts';
import { signIn } from '../../../src/lib/server/auth/sign-in.ts';
import { createTeam, getTeamPeople } from '../../../src/lib/server/teams/team.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';

let ctx: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  ctx = await createTestDatabase();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.cleanup();
});

const admin = {
  email: 'first.admin@utility.example',
  displayName: 'First Admin',
  role: 'admin',
  department: 'it',
  jobTitle: '',
} as const;

describe('first-run setup', () => {
  test('issues a token only while there is no administrator, and the token dies with its use', async () => {
    const token = await ensureSetupToken(ctx.db);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const stored = await ctx.db.select().from(oneTimeTokens);
    expect(JSON.stringify(stored)).not.toContain(token);
    const result = await completeSetup(
      ctx.db,
      token!,
      admin,
      'switchyard first admin',
      '127.0.0.1',
    );
    expect(result.ok).toBe(true);
    expect(await ensureSetupToken(ctx.db)).toBeNull();
    const again = await completeSetup(
      ctx.db,
      token!,
      { ...admin, email: 'second@utility.example' },
      'switchyard first admin',
      '127.0.0.1',
    );
    expect(again.ok).toBe(false);
  });

  test('refuses a wrong token and a weak password without creating anyone', async () => {
    const token = await ensureSetupToken(ctx.db);
    expect(
      (await completeSetup(ctx.db, 'b'.repeat(32), admin, 'switchyard first admin', '::1')).ok,
    ).toBe(false);
    expect((await completeSetup(ctx.db, token!, admin, 'password1234', '::1')).ok).toBe(false);
    expect(await ensureSetupToken(ctx.db)).not.toBeNull();
  });

  test('a restart replaces the previous setup link', async () => {
    const first = await ensureSetupToken(ctx.db);
    const second = await ensureSetupToken(ctx.db);
    expect((await completeSetup(ctx.db, first!, admin, 'switchyard first admin', '::1')).ok).toBe(
      false,
    );
    expect((await completeSetup(ctx.db, second!, admin, 'switchyard first admin', '::1')).ok).toBe(
      true,
    );
  });
});

describe('invitations and resets', () => {
  test('an invited learner joins the team, sets a password once, and can sign in', async () => {
    const manager = await addUser(ctx.db, { role: 'manager' });
    const team = await createTeam(ctx.db, {
      slug: 'grid-ops',
      name: 'Grid operations',
      kind: 'ot',
    });
    if (!team.ok) throw new Error('team');
    const invited = await invitePerson(
      ctx.db,
      manager,
      {
        email: 'new.operator@utility.example',
        displayName: 'New Operator',
        role: 'learner',
        department: 'ot',
        jobTitle: 'Operator',
      },
      team.team.id,
      '10.0.0.5',
    );
    if (!invited.ok) throw new Error(invited.message);
    expect((await getTeamPeople(ctx.db, team.team.id)).members.map((m) => m.email)).toEqual([
      'new.operator@utility.example',
    ]);
    expect(
      (
        await signIn(ctx.db, {
          email: 'new.operator@utility.example',
          password: 'anything at all',
          ip: '1.1.1.1',
        })
      ).ok,
    ).toBe(false);
    const used = await setPasswordWithLink(
      ctx.db,
      invited.token,
      'breaker before isolator',
      '10.0.0.5',
    );
    expect(used.ok).toBe(true);
    expect(
      (await setPasswordWithLink(ctx.db, invited.token, 'breaker before isolator', '10.0.0.5')).ok,
    ).toBe(false);
    expect(
      (
        await signIn(ctx.db, {
          email: 'new.operator@utility.example',
          password: 'breaker before isolator',
          ip: '1.1.1.2',
        })
      ).ok,
    ).toBe(true);
  });

  test('an invitation expires after 7 days', async () => {
    const adminUser = await addUser(ctx.db, { role: 'admin' });
    const invited = await invitePerson(
      ctx.db,
      adminUser,
      { ...admin, email: 'late@utility.example', role: 'learner' },
      null,
      null,
    );
    if (!invited.ok) throw new Error(invited.message);
    vi.useFakeTimers({ now: Date.now() + 7 * 24 * 3600 * 1000 + 1000, toFake: ['Date'] });
    expect(await findLinkHolder(ctx.db, invited.token)).toBeNull();
    expect(
      (await setPasswordWithLink(ctx.db, invited.token, 'breaker before isolator', '::1')).ok,
    ).toBe(false);
  });

  test('a reset link changes the password and ends every session of that user', async () => {
    const adminUser = await addUser(ctx.db, { role: 'admin' });
    const learner = await addUser(ctx.db);
    const policy = sessionPolicy(7, 30);
    const { token: sessionToken } = await createSession(ctx.db, learner.id, policy);
    const reset = await issuePasswordReset(ctx.db, adminUser, learner.id, null);
    expect((await setPasswordWithLink(ctx.db, reset, 'short', '::1')).ok).toBe(false);
    expect((await setPasswordWithLink(ctx.db, reset, 'earthing switch closed', '::1')).ok).toBe(
      true,
    );
    expect((await validateSessionToken(ctx.db, sessionToken, policy)).session).toBeNull();
  });

  test('an email already in use is refused', async () => {
    const adminUser = await addUser(ctx.db, { role: 'admin', email: 'taken@utility.example' });
    const result = await invitePerson(
      ctx.db,
      adminUser,
      { ...admin, email: 'TAKEN@utility.example', role: 'learner' },
      null,
      null,
    );
    expect(result.ok).toBe(false);
  });
});
