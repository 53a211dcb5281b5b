import { parseArgs } from 'node:util';
import { changeBreakGlass } from '../lib/server/sso/sso-admin-actions.ts';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

/** `user break-glass --email E [--off]`: lets an account sign in with its password when only SSO is on. */
export const userBreakGlass: Command = async ({ db, args, print }) => {
  let values: { email?: string | undefined; off?: boolean | undefined };
  try {
    values = parseArgs({
      args,
      options: { email: { type: 'string' }, off: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (!values.email) throw new CliError('--email is required');
  const result = await changeBreakGlass(db, null, values.email, !values.off, null);
  if (!result.ok) throw new CliError(`--email: ${result.message}`);
  print(result.message);
};
