import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/server/config.ts';

describe('parseConfig', () => {
  test('applies the documented defaults', () => {
    const result = parseConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        DATABASE_URL: 'file:./data/switchyard.db',
        PORT: 4321,
        HOST: 'localhost',
        ORG_TIME_ZONE: 'UTC',
        SESSION_IDLE_DAYS: 7,
        SESSION_ABSOLUTE_DAYS: 30,
      },
    });
  });

  test.each([
    ['DATABASE_URL', 'nonsense'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PUBLIC_ORIGIN', 'training.example.com'],
    ['PUBLIC_ORIGIN', 'ftp://training.example.com'],
    ['SESSION_IDLE_DAYS', '0'],
    ['ORG_TIME_ZONE', 'Mars/Olympus_Mons'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    const result = parseConfig({ [name]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(name);
      expect(result.message).not.toContain('\n');
    }
  });

  test.each([
    'file:/var/lib/switchyard/db.sqlite',
    ':memory:',
    'libsql://switchyard.example.turso.io',
    'http://127.0.0.1:8080',
  ])('accepts DATABASE_URL=%s', (url) => {
    expect(parseConfig({ DATABASE_URL: url }).ok).toBe(true);
  });

  test('reduces PUBLIC_ORIGIN to its origin and treats empty values as unset', () => {
    const result = parseConfig({ PUBLIC_ORIGIN: 'https://training.example.com/path', PORT: '' });
    expect(result.ok && result.config.PUBLIC_ORIGIN).toBe('https://training.example.com');
    expect(result.ok && result.config.PORT).toBe(4321);
  });
});
