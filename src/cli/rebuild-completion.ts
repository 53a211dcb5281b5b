import { now } from '../lib/server/clock.ts';
import { rebuildCompletions } from '../lib/server/learning-record/completions.ts';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

/** `rebuild-completion`: recomputes every completion row from the learning record. */
export const rebuildCompletion: Command = async ({ db, args, print }) => {
  if (args.length > 0)
    throw new CliError(`rebuild-completion takes no arguments, got ${args.join(' ')}`);
  const started = Date.now();
  const rows = await rebuildCompletions(db, now());
  print(`Rebuilt ${rows} completion rows from the learning record in ${Date.now() - started} ms.`);
};
