import type { Database } from '../../../../db/client.ts';
import { findOneTimeToken } from '../one-time-token.ts';
import { readNewPassword } from './new-password.ts';
import { completeSetup } from './onboarding.ts';
import { NewUserSchema } from './user.ts';

/** The first administrator, created (the caller starts their session), or why not. */
export type SetupResult =
  { ok: true; userId: string } | { ok: false; status: 400; message: string };

/** Whether `token` is the live set-up token printed when the database was created. */
export async function isSetupTokenLive(db: Database, token: string): Promise<boolean> {
  return Boolean(await findOneTimeToken(db, token, 'setup'));
}

/** What the set-up form keeps when it is shown again after a refusal. */
export function setupFormValues(form: Record<string, string>): {
  email: string;
  displayName: string;
  jobTitle: string;
} {
  return {
    email: form['email'] ?? '',
    displayName: form['displayName'] ?? '',
    jobTitle: form['jobTitle'] ?? '',
  };
}

/** Creates the first administrator from the set-up form (IT department unless another is given). */
export async function handleSetup(
  db: Database,
  token: string,
  form: Record<string, string>,
  ip: string,
): Promise<SetupResult> {
  const parsed = NewUserSchema.safeParse({
    ...form,
    role: 'admin',
    department: form['department'] || 'it',
  });
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? 'Check the form.',
    };
  }
  const typed = readNewPassword(form);
  if (!typed.ok) return { ok: false, status: 400, message: typed.message };
  const result = await completeSetup(db, token, parsed.data, typed.password, ip);
  if (!result.ok) return { ok: false, status: 400, message: result.message };
  return { ok: true, userId: result.user.id };
}
