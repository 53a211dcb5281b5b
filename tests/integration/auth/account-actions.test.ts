import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { getUserById } from '../../../src/lib/server/auth/user.ts';
import { handleAccountAction } from '../../../src/lib/server/auth/account-actions.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';

let db: Database;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

describe('handleAccountAction', () => {
  async function actor() {
    const user = await addUser(db, { displayName: 'Old Name' });
    return { user, sessionId: 'no-session', ip: '192.0.2.2', device: async () => null };
  }

  test('renames the signed-in person, trimming the name', async () => {
    const me = await actor();
    const result = await handleAccountAction(db, me, { action: 'profile', displayName: ' Nu ' });
    expect(result).toEqual({ ok: true, saved: 'profile' });
    expect(await getUserById(db, me.user.id)).toMatchObject({ displayName: 'Nu' });
  });

  test.each([
    [{ action: 'profile', displayName: '  ' }, 'Enter your name.'],
    [
      { action: 'password', current: 'x', next: 'a new long passphrase', confirm: 'other' },
      'The two passwords differ. Type the same password in both fields.',
    ],
    [{ action: 'delete-me' }, 'Unknown action.'],
  ])('refuses %o with a 400 and a reason', async (form, message) => {
    const me = await actor();
    expect(await handleAccountAction(db, me, form)).toEqual({ ok: false, status: 400, message });
    expect(await getUserById(db, me.user.id)).toMatchObject({ displayName: 'Old Name' });
  });
});
