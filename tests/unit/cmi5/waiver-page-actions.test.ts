import { describe, expect, test } from 'vitest';
import { WaiverFormSchema } from '../../../src/lib/server/cmi5/waiver-page-actions.ts';

const waive = {
  action: 'waive',
  course: 'substation-entry',
  au: '1',
  category: 'Tested Out',
  reason: 'Passed the vendor exam',
};
const revoke = {
  action: 'revoke',
  registration: '0952656e-94a8-411f-a21c-9ef3ab419f4b',
  au: '0',
  reason: 'Wrong learner',
};

describe('WaiverFormSchema', () => {
  test('reads a waive form: the unit index as a number, the reason trimmed', () => {
    expect(WaiverFormSchema.parse({ ...waive, reason: '  Passed the vendor exam ' })).toEqual({
      ...waive,
      au: 1,
    });
  });

  test('reads a revoke form', () => {
    expect(WaiverFormSchema.parse(revoke)).toEqual({ ...revoke, au: 0 });
  });

  describe.each([
    ['a blank reason', { ...waive, reason: '  ' }, 'Give the reason (at least 3 characters).'],
    [
      'a reason past 500 characters',
      { ...waive, reason: 'x'.repeat(501) },
      'The reason is at most 500 characters.',
    ],
    [
      'a kind cmi5 does not name',
      { ...waive, category: 'Because' },
      'Choose one of the listed kinds of waiver.',
    ],
    ['a unit that is no index', { ...waive, au: 'first' }, 'Choose a unit.'],
    ['a negative unit', { ...waive, au: '-1' }, 'Choose a unit.'],
    ['no course', { ...waive, course: '' }, 'Choose a course.'],
    [
      'a registration that is no UUID',
      { ...revoke, registration: 'r1' },
      'Reload the page: that registration is not known.',
    ],
    [
      'an unknown action',
      { ...waive, action: 'delete' },
      'Unknown action: reload the page and try again.',
    ],
  ])('refuses %s', (_name, form, message) => {
    test('with a message a manager can act on', () => {
      const parsed = WaiverFormSchema.safeParse(form);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(message);
    });
  });
});
