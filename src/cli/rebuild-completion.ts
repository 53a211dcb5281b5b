import { now } from '../lib/server/clock.ts';
import { rebuildCompletionsAndCertificates } from '../lib/server/completion/rebuild.ts';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

/** `rebuild-completion`: recomputes every completion row and certificate from the learning record. */
export const rebuildCompletion: Command = async ({ db, args, print }) => {
  if (args.length > 0)
    throw new CliError(`rebuild-completion takes no arguments, got ${args.join(' ')}`);
  const started = Date.now();
  const counts = await rebuildCompletionsAndCertificates(db, now());
  print(
    `Rebuilt ${counts.completions} completion rows and ${counts.certificates} certificates from the learning record in ${Date.now() - started} ms.`,
  );
};
