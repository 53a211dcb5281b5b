import type { Database } from '../../../../db/client.ts';
import { userAgent } from '../learning-record/actor-key.ts';
import { recordBase } from '../learning-record/record-base.ts';
import {
  LearnerPreferencesSchema,
  readLearnerPreferences,
  saveLearnerPreferences,
  type LearnerPreferences,
} from './learner-preferences.ts';

/** The signed-in learner's preferences for imported courses, as the account page shows them. */
export function loadOwnPreferences(
  db: Database,
  user: { id: string },
): Promise<LearnerPreferences> {
  return readLearnerPreferences(db, userAgent(recordBase(db), user.id));
}

/** Saves the account page's preferences form (fields languagePreference, audioPreference). */
export async function saveOwnPreferences(
  db: Database,
  user: { id: string },
  form: Record<string, string>,
): Promise<{ ok: true } | { ok: false; status: 400; message: string }> {
  const parsed = LearnerPreferencesSchema.safeParse(form);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? 'Check the preferences.',
    };
  }
  await saveLearnerPreferences(db, userAgent(recordBase(db), user.id), parsed.data);
  return { ok: true };
}
