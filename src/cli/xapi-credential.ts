import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  createXapiCredential,
  revokeXapiCredential,
  VERIFIED_CREDENTIAL_MS,
} from '../lib/server/xapi-credentials/credentials.ts';
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

/** The named string options of a command line; unknown ones are refused. */
function readOptions(args: string[], names: string[]): Record<string, unknown> {
  try {
    return parseArgs({
      args,
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** `xapi-credential add --name N [--scope read|write|all|launch]`: prints key= and secret= once. */
export const xapiCredentialAdd: Command = async ({ db, args, print }) => {
  const values = readOptions(args, ['name', 'scope']);
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? 'invalid options');
  const credential = await createXapiCredential(db, parsed.data);
  print(`key=${credential.key}`);
  print(`secret=${credential.secret}`);
  print(`scope=${credential.scope}`);
  print('Keep the secret now: only its hash is stored, so it cannot be shown again.');
};

const RevokeSchema = z.object({
  key: z
    .string({ message: '--key is required (the key= line printed when the credential was added)' })
    .trim()
    .min(1, '--key must not be empty'),
});

/** `xapi-credential revoke --key K`: the credential is refused from then on. */
export const xapiCredentialRevoke: Command = async ({ db, args, print }) => {
  const parsed = RevokeSchema.safeParse(readOptions(args, ['key']));
  if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? 'invalid options');
  if (!(await revokeXapiCredential(db, parsed.data.key))) {
    throw new CliError(`No live xAPI credential has the key ${parsed.data.key.slice(0, 60)}.`);
  }
  print(
    `Revoked ${parsed.data.key}: a running server refuses it within ${VERIFIED_CREDENTIAL_MS / 1000} s.`,
  );
};
