import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { getUserById } from '../../../src/lib/server/auth/user.ts';
import { handleUserAdminAction } from '../../../src/lib/server/auth/user-admin-actions.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { addUser } from '../../helpers/people.ts';

let db: Database;
let cleanup: () => void;
let admin: { id: string; ip: string };

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  admin = { id: (await addUser(db, { role: 'admin' })).id, ip: '192.0.2.1' };
});
afterAll(() => cleanup());

describe('handleUserAdminAction', () => {
  test.each([
    [{ action: 'role', role: 'manager' }, 'Role saved.', { role: 'manager' }],
    [{ action: 'disable' }, 'Account disabled; its sessions have ended.', { isDisabled: true }],
    [{ action: 'enable' }, 'Account enabled.', { isDisabled: false }],
  ])('%o answers with its notice and changes the person', async (form, notice, change) => {
    const person = await addUser(db);
    const result = await handleUserAdminAction(db, admin, person.id, form);
    expect(result).toEqual({ ok: true, notice, resetToken: null });
    expect(await getUserById(db, person.id)).toMatchObject(change);
  });

  test('issues a one-time reset token and shows no notice', async () => {
    const person = await addUser(db);
    const result = await handleUserAdminAction(db, admin, person.id, { action: 'reset' });
    expect(result).toMatchObject({ ok: true, notice: '', resetToken: expect.any(String) });
  });

  test.each([
    [{ action: 'promote' }, 'Unknown action.'],
    [{ action: 'role', role: 'root' }, 'Choose learner, manager or admin.'],
  ])('refuses %o with a 400 and a reason', async (form, message) => {
    const person = await addUser(db);
    expect(await handleUserAdminAction(db, admin, person.id, form)).toEqual({
      ok: false,
      status: 400,
      message,
    });
    expect(await getUserById(db, person.id)).toMatchObject({ role: 'learner' });
  });
});
