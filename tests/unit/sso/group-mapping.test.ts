import { describe, expect, test } from 'vitest';
import {
  groupsFromClaims,
  hasGroupOverage,
  planAccess,
  type GroupMapping,
} from '../../../src/lib/server/sso/group-mapping.ts';

const mapping = (
  groupName: string,
  teamId: string | null,
  role: GroupMapping['role'],
): GroupMapping => ({
  id: groupName,
  groupName,
  teamId,
  teamSlug: teamId,
  teamName: teamId,
  role,
});

const MAPPINGS = [
  mapping('GRP-Substation-Maint', 'substation', null),
  mapping('GRP-Protection', 'protection', 'learner'),
  mapping('GRP-Training-Managers', null, 'manager'),
  mapping('GRP-Substation-Supervisors', 'substation', 'manager'),
  mapping('GRP-Switchyard-Admins', null, 'admin'),
];

describe('planAccess', () => {
  test.each([
    { groups: [], isMapped: false, role: 'learner', members: [], managed: [] },
    { groups: ['GRP-Finance'], isMapped: false, role: 'learner', members: [], managed: [] },
    {
      groups: ['GRP-Substation-Maint'],
      isMapped: true,
      role: 'learner',
      members: ['substation'],
      managed: [],
    },
    {
      groups: ['GRP-Substation-Maint', 'GRP-Training-Managers'],
      isMapped: true,
      role: 'manager',
      members: ['substation'],
      managed: [],
    },
    {
      groups: ['GRP-Substation-Supervisors'],
      isMapped: true,
      role: 'manager',
      members: [],
      managed: ['substation'],
    },
    {
      groups: ['GRP-Training-Managers', 'GRP-Switchyard-Admins', 'GRP-Protection'],
      isMapped: true,
      role: 'admin',
      members: ['protection'],
      managed: [],
    },
  ])('groups $groups give role $role', ({ groups, isMapped, role, members, managed }) => {
    const plan = planAccess(MAPPINGS, groups);
    expect(plan.isMapped).toBe(isMapped);
    expect(plan.role).toBe(role);
    expect([...plan.memberTeamIds]).toEqual(members);
    expect([...plan.managedTeamIds]).toEqual(managed);
    expect([...plan.mappedTeamIds].sort()).toEqual(['protection', 'substation']);
  });

  test('group names match exactly, not by case or prefix', () => {
    expect(planAccess(MAPPINGS, ['grp-substation-maint', 'GRP-Substation']).isMapped).toBe(false);
  });
});

describe('groupsFromClaims', () => {
  test.each([
    [{ groups: ['a', 'b'] }, 'groups', ['a', 'b']],
    [{ groups: 'a' }, 'groups', ['a']],
    [{ groups: ['a', 3, null] }, 'groups', ['a']],
    [{ roles: ['Switchyard.Manager'] }, 'roles', ['Switchyard.Manager']],
    [{}, 'groups', []],
  ])('reads %o from the %s claim', (claims, claim, expected) => {
    expect(groupsFromClaims(claims, claim)).toEqual(expected);
  });
});

describe('hasGroupOverage', () => {
  test('detects the _claim_names indirection Entra ID sends for people in too many groups', () => {
    const claims = {
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'x' } },
    };
    expect(hasGroupOverage(claims, 'groups')).toBe(true);
  });

  test('detects hasgroups, and stays quiet when the groups are there', () => {
    expect(hasGroupOverage({ hasgroups: true }, 'groups')).toBe(true);
    expect(hasGroupOverage({ groups: ['a'], _claim_names: { groups: 'src1' } }, 'groups')).toBe(
      false,
    );
    expect(hasGroupOverage({ _claim_names: { roles: 'src1' } }, 'groups')).toBe(false);
  });
});
