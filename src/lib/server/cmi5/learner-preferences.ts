import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import {
  readAgentProfileDocument,
  writeAgentProfileDocument,
} from '../learning-record/server-documents.ts';

/** The Agent Profile document cmi5 names for learner preferences (cmi5 11.0). */
export const PREFERENCES_PROFILE_ID = 'cmi5LearnerPreferences';

/** True when a tag is a well-formed BCP 47 (RFC 5646) language tag. */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** The learner's preferences as cmi5 11.1 and 11.2 define them. */
export const LearnerPreferencesSchema = z.object({
  /** Comma-separated RFC 5646 language tags, most preferred first (cmi5 11.1). */
  languagePreference: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean)
        .join(','),
    )
    .pipe(
      z
        .string()
        .min(2, 'Give at least one language, for example en-US.')
        .max(200, 'List at most 200 characters of languages.')
        .refine((value) => value.split(',').every(isLanguageTag), {
          message:
            'Give languages as tags such as en-US or fr-CA, separated by commas, most preferred first.',
        }),
    ),
  /** Whether units start with their audio on or off (cmi5 11.2). */
  audioPreference: z.enum(['on', 'off'], { message: 'Choose audio on or off.' }),
});
export type LearnerPreferences = z.output<typeof LearnerPreferencesSchema>;

/** What a learner has until they choose: the site's language, audio on. */
export const DEFAULT_PREFERENCES: LearnerPreferences = {
  languagePreference: 'en-US',
  audioPreference: 'on',
};

const address = (agent: Agent) => ({ agent, profileId: PREFERENCES_PROFILE_ID });

/** The learner's preferences from their Agent Profile; defaults for what is missing or unreadable. */
export async function readLearnerPreferences(
  db: Database,
  agent: Agent,
): Promise<LearnerPreferences> {
  const stored = await readAgentProfileDocument(db, address(agent));
  let value: Record<string, unknown> = {};
  try {
    value = stored ? (JSON.parse(stored.content.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    // A document that is not JSON holds no preference.
  }
  const field = <K extends keyof LearnerPreferences>(key: K): LearnerPreferences[K] => {
    const parsed = LearnerPreferencesSchema.shape[key].safeParse(value?.[key]);
    return parsed.success ? (parsed.data as LearnerPreferences[K]) : DEFAULT_PREFERENCES[key];
  };
  return {
    languagePreference: field('languagePreference'),
    audioPreference: field('audioPreference'),
  };
}

/** Writes the learner's preferences to the Agent Profile that units read at start-up. */
export async function saveLearnerPreferences(
  db: Database,
  agent: Agent,
  preferences: LearnerPreferences,
): Promise<void> {
  await writeAgentProfileDocument(db, address(agent), { json: preferences });
}

/** Writes the defaults before a launch when the learner has never had preferences (cmi5 11.0). */
export async function ensureLearnerPreferences(db: Database, agent: Agent): Promise<void> {
  if (!(await readAgentProfileDocument(db, address(agent)))) {
    await saveLearnerPreferences(db, agent, DEFAULT_PREFERENCES);
  }
}
