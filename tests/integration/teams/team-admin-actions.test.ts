import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema.ts';
import { handleTeamAdminAction } from '../../../src/lib/server/teams/team-admin-actions.ts';
import { createTeam, getTeamPeople, type TeamRow } from '../../../src/lib/server/teams/team.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';

let db: Database;
let cleanup: () => void;
let team: TeamRow;
let admin: { id: string; ip: string };

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  const created = await createTeam(db, { slug: 'north-crew', name: 'North crew', kind: 'ot' });
  if (!created.ok) throw new Error(created.reason);
  team = created.team;
  admin = { id: (await addUser(db, { role: 'admin' })).id, ip: '192.0.2.1' };
});
afterAll(() => cleanup());

describe('handleTeamAdminAction', () => {
  test('refuses to make a learner a manager, and audits nothing', async () => {
    const learner = await addUser(db, { displayName: 'Ada Learner' });
    const result = await handleTeamAdminAction(db, admin, team, {
      action: 'add-manager',
      email: learner.email,
    });
    expect(result).toEqual({
      ok: false,
      status: 400,
      message: 'Ada Learner is a learner. Make them a training manager on their page first.',
    });
    expect((await getTeamPeople(db, team.id)).managers).toEqual([]);
    expect(await db.select().from(auditEvents)).toEqual([]);
  });

  test('names an email nobody has', async () => {
    const result = await handleTeamAdminAction(db, admin, team, {
      action: 'add-member',
      email: 'nobody@utility.example',
    });
    expect(!result.ok && result.message).toMatch(/^Nobody has the email nobody@utility\.example/);
  });

  test('adds a member and records who did it from where', async () => {
    const learner = await addUser(db, { displayName: 'Ben Member' });
    const result = await handleTeamAdminAction(db, admin, team, {
      action: 'add-member',
      email: learner.email,
    });
    expect(result).toEqual({ ok: true, notice: 'Ben Member added.' });
    expect((await getTeamPeople(db, team.id)).members.map((m) => m.id)).toEqual([learner.id]);
    const [event] = await db.select().from(auditEvents);
    expect(event).toMatchObject({ type: 'team.updated', actorId: admin.id, ip: '192.0.2.1' });
    expect(JSON.parse(event!.detail)).toEqual({ slug: 'north-crew', action: 'add-member' });
  });

  test('refuses an unknown action with a message', async () => {
    const result = await handleTeamAdminAction(db, admin, team, { action: 'delete' });
    expect(result.ok).toBe(false);
  });
});
