import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createXapiCredential } from '../lib/server/xapi-credentials/credentials.ts';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

const OptionsSchema = z.object({
  name: z
    .string({ message: '--name is required (who uses the credential, e.g. "Quest headsets")' })
    .trim()
    .min(1, '--name must not be empty')
    .max(100, '--name must be at most 100 characters'),
  scope: z
    .enum(['read', 'write', 'all', 'launch'], {
      message: '--scope must be read, write, all or launch',
    })
    .default('write'),
});

/** `xapi-credential add --name N [--scope read|write|all|launch]`: prints key= and secret= once. */
export const xapiCredentialAdd: Command = async ({ db, args, print }) => {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args,
      options: { name: { type: 'string' }, scope: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? 'invalid options');
  const credential = await createXapiCredential(db, parsed.data);
  print(`key=${credential.key}`);
  print(`secret=${credential.secret}`);
  print(`scope=${credential.scope}`);
  print('Keep the secret now: only its hash is stored, so it cannot be shown again.');
};
