import { parseConfig, type Config } from '../lib/server/config.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { commands } from './commands.ts';

/** What every CLI command receives: the open, migrated database, the config and its arguments. */
export interface CommandContext {
  db: Database;
  config: Config;
  args: string[];
  /** Reads all of standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
  print: (line: string) => void;
}

const USAGE = `usage: switchyard <command>
commands: ${Object.keys(commands).join(', ')}`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs one command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const twoWords = argv.slice(0, 2).join(' ');
  const name = commands[twoWords] ? twoWords : argv[0];
  const args = argv.slice(name === twoWords ? 2 : 1);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `switchyard: unknown command "${name}"\n${USAGE}` : USAGE);
    return 1;
  }
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    console.error(`switchyard: ${parsed.message}`);
    return 1;
  }
  // Copying a database file only makes sense for a local file; say so before trying to connect.
  if (name === 'backup' && !parsed.config.DATABASE_URL.startsWith('file:')) {
    console.error(
      "switchyard backup: backup copies a local database file; DATABASE_URL points to a libSQL server, so use that server's own backups",
    );
    return 1;
  }
  let db: Database | undefined;
  try {
    db = await openDatabase({
      url: parsed.config.DATABASE_URL,
      authToken: parsed.config.DATABASE_AUTH_TOKEN,
    });
    await migrateDatabase(db);
    await command({
      db,
      config: parsed.config,
      args,
      readStdin,
      print: (line) => console.log(line),
    });
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`switchyard ${name}: ${message.split('\n')[0]}`);
    return 1;
  } finally {
    db?.$client.close();
  }
}
