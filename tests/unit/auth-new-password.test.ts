import { describe, expect, test } from 'vitest';
import { readNewPassword } from '../../src/lib/server/auth/new-password.ts';

describe('readNewPassword', () => {
  test('takes the password when both fields match', () => {
    expect(readNewPassword({ password: 'grid-operator', confirm: 'grid-operator' })).toEqual({
      ok: true,
      password: 'grid-operator',
    });
  });

  test('reads a password posted under another field name', () => {
    expect(readNewPassword({ next: 'relay-panel', confirm: 'relay-panel' }, 'next')).toEqual({
      ok: true,
      password: 'relay-panel',
    });
  });

  test('refuses two different passwords with a message saying what to do', () => {
    expect(readNewPassword({ password: 'one-phrase', confirm: 'another' })).toEqual({
      ok: false,
      message: 'The two passwords differ. Type the same password in both fields.',
    });
  });
});
