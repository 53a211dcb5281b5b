import { describe, expect, test } from 'vitest';
import { decideAccess, isSameOrigin } from '../../src/lib/server/auth/guards.ts';
import type { SessionUser } from '../../src/lib/server/auth/session.ts';

const person = (role: SessionUser['role']): SessionUser => ({
  id: role,
  email: `${role}@utility.example`,
  displayName: role,
  role,
  department: 'it',
  jobTitle: '',
  isDemo: false,
});

describe('decideAccess', () => {
  test.each([
    ['/admin/users', null, 'sign-in'],
    ['/admin/users', 'learner', 'forbidden'],
    ['/admin/users', 'manager', 'forbidden'],
    ['/admin/audit', 'admin', 'allow'],
    ['/manage', 'learner', 'forbidden'],
    ['/manage/teams/ops', 'manager', 'allow'],
    ['/manage', 'admin', 'allow'],
    ['/api/manage/assignments', 'learner', 'forbidden'],
    ['/learn', null, 'sign-in'],
    ['/learn', 'learner', 'allow'],
    ['/account', null, 'sign-in'],
    ['/courses', null, 'allow'],
    ['/administrator-guide', null, 'allow'],
    ['/', null, 'allow'],
  ] as const)('%s for %s -> %s', (path, role, expected) => {
    expect(decideAccess(path, role ? person(role) : null)).toBe(expected);
  });
});

describe('isSameOrigin', () => {
  const site = 'https://training.example.com';
  const request = (headers: Record<string, string>) =>
    new Request(`${site}/x`, { method: 'POST', headers });
  test.each([
    [{ origin: site }, true],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'null' }, false],
    [{ referer: `${site}/account` }, true],
    [{ referer: 'https://evil.example/' }, false],
    [{}, false],
  ])('%j -> %s', (headers, expected) => {
    expect(isSameOrigin(request(headers), site)).toBe(expected);
  });
});
