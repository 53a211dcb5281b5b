import type { CommandContext } from './main.ts';
import { teamAdd, userAdd, userResetPassword } from './people.ts';
import { xapiCredentialAdd, xapiCredentialRevoke } from './xapi-credential.ts';
import { rebuildCompletion } from './rebuild-completion.ts';
import { backup } from './backup.ts';
import { recordBaseCommand } from './record-base.ts';
import { cmi5Import } from './cmi5.ts';
import { userBreakGlass } from './break-glass.ts';

/** A CLI command: resolves on success, throws an Error with a one-line reason otherwise. */
export type Command = (context: CommandContext) => Promise<void>;

/** Every `switchyard` command; migrations already ran when a command starts. */
export const commands: Record<string, Command> = {
  migrate: async ({ print }) => {
    print('Migrations are up to date.');
  },
  'user add': userAdd,
  'user reset-password': userResetPassword,
  'user break-glass': userBreakGlass,
  'team add': teamAdd,
  demo: async (context) => (await import('./demo.ts')).demo(context),
  'xapi-credential add': xapiCredentialAdd,
  'xapi-credential revoke': xapiCredentialRevoke,
  'rebuild-completion': rebuildCompletion,
  'record base': recordBaseCommand,
  backup,
  'cmi5 import': cmi5Import,
};
