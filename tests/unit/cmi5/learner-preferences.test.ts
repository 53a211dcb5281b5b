import { describe, expect, test } from 'vitest';
import { LearnerPreferencesSchema } from '../../../src/lib/server/cmi5/learner-preferences.ts';

describe('LearnerPreferencesSchema', () => {
  test.each([
    ['en-US', 'en-US'],
    ['fr-CA, en-US ,fr-FR', 'fr-CA,en-US,fr-FR'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['de', 'de'],
  ])('keeps the language list %j as %j (cmi5 11.1)', (languagePreference, expected) => {
    expect(LearnerPreferencesSchema.parse({ languagePreference, audioPreference: 'off' })).toEqual({
      languagePreference: expected,
      audioPreference: 'off',
    });
  });

  test.each([
    ['', { audioPreference: 'on' }, 'Give at least one language, for example en-US.'],
    ['en_US', { audioPreference: 'on' }, 'Give languages as tags such as en-US or fr-CA'],
    [
      'en-US,, english!',
      { audioPreference: 'on' },
      'Give languages as tags such as en-US or fr-CA',
    ],
    ['en-US', { audioPreference: 'loud' }, 'Choose audio on or off.'],
    ['en-US', {}, 'Choose audio on or off.'],
  ])('refuses %j with %j', (languagePreference, rest, message) => {
    const parsed = LearnerPreferencesSchema.safeParse({ languagePreference, ...rest });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});
