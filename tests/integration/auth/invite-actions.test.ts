import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { handleInvite } from '../../../src/lib/server/auth/invite-actions.ts';
import { findUserByEmail } from '../../../src/lib/server/auth/user.ts';
import { createTeam, type TeamRow } from '../../../src/lib/server/teams/team.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';

let db: Database;
let cleanup: () => void;
let mine: TeamRow;
let other: TeamRow;
let actor: { id: string };

const person = (email: string, extra: Record<string, string> = {}) => ({
  email,
  displayName: 'Casey Field',
  department: 'ot',
  jobTitle: 'Technician',
  ...extra,
});

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  const a = await createTeam(db, { slug: 'north-crew', name: 'North crew', kind: 'ot' });
  const b = await createTeam(db, { slug: 'south-crew', name: 'South crew', kind: 'ot' });
  if (!a.ok || !b.ok) throw new Error('teams not created');
  [mine, other] = [a.team, b.team];
  actor = { id: (await addUser(db, { role: 'manager' })).id };
});
afterAll(() => cleanup());

describe('handleInvite', () => {
  test('a manager invites a learner into a team they manage, whatever role the form asks', async () => {
    const form = person('casey@utility.example', { role: 'admin', teamId: mine.id });
    const result = await handleInvite(db, actor, '192.0.2.1', form, {
      kind: 'learner-into-managed-team',
      teams: [mine],
    });
    expect(result.ok && result.invitation.email).toBe('casey@utility.example');
    expect((await findUserByEmail(db, 'casey@utility.example'))?.role).toBe('learner');
  });

  test('a manager cannot invite into a team they do not manage', async () => {
    const form = person('drew@utility.example', { teamId: other.id });
    const result = await handleInvite(db, actor, '192.0.2.1', form, {
      kind: 'learner-into-managed-team',
      teams: [mine],
    });
    expect(result).toEqual({ ok: false, status: 400, message: 'Choose one of your teams.' });
    expect(await findUserByEmail(db, 'drew@utility.example')).toBeNull();
  });

  test('an administrator invites anyone, into no team or a team from the list', async () => {
    const scope = { kind: 'anyone', teams: [mine, other] } as const;
    const admin = await handleInvite(
      db,
      actor,
      '192.0.2.1',
      person('erin@utility.example', { role: 'admin' }),
      scope,
    );
    expect(admin.ok).toBe(true);
    expect((await findUserByEmail(db, 'erin@utility.example'))?.role).toBe('admin');
    const unknown = await handleInvite(
      db,
      actor,
      '192.0.2.1',
      person('finn@utility.example', { role: 'learner', teamId: 'no-such-team' }),
      scope,
    );
    expect(!unknown.ok && unknown.message).toBe('Choose a team from the list.');
  });
});
