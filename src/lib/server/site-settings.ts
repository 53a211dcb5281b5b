import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { siteSettings } from '../../../db/schema.ts';
import { now } from './clock.ts';

/** Settings administrators switch in the application; each is off until switched on. */
export const SITE_FLAGS = {
  /** Link an existing account to a single sign-on identity with the same, verified email. */
  linkExistingAccounts: 'sso.link-existing-accounts',
} as const;

export type SiteFlag = keyof typeof SITE_FLAGS;

/** True when the flag is switched on. */
export async function isFlagOn(db: Database, flag: SiteFlag): Promise<boolean> {
  const [row] = await db
    .select({ value: siteSettings.value })
    .from(siteSettings)
    .where(eq(siteSettings.key, SITE_FLAGS[flag]));
  return row?.value === 'true';
}

/** Switches a flag on or off. */
export async function setFlag(db: Database, flag: SiteFlag, isOn: boolean): Promise<void> {
  const row = { key: SITE_FLAGS[flag], value: String(isOn), updatedAt: now() };
  await db
    .insert(siteSettings)
    .values(row)
    .onConflictDoUpdate({ target: siteSettings.key, set: row });
}
