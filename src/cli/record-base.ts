import { recordBase, setRecordBase } from '../lib/server/learning-record/record-base.ts';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

/**
 * `record base [--set IRI]`: prints the learning record's IRI base, or sets it while the record is
 * still empty (statements are immutable and other LRSs may hold copies, so it never moves after).
 */
export const recordBaseCommand: Command = async ({ db, args, print }) => {
  if (args.length === 0) {
    print(recordBase(db));
    return;
  }
  const [flag, iri, ...rest] = args;
  if (flag !== '--set' || !iri || rest.length > 0) {
    throw new CliError(`usage: record base [--set IRI], got ${args.join(' ')}`);
  }
  const result = await setRecordBase(db, iri);
  if (!result.ok) throw new CliError(result.message);
  print(result.base);
};
