import type { Database } from '../../../../db/client.ts';
import { now as clockNow } from '../clock.ts';
import type { Actor } from './agent-schema.ts';
import { prepareStatement } from './prepare.ts';
import type { Statement } from './statement-schema.ts';
import { parseStatements, type XapiVersion } from './validate.ts';
import { submitBatch } from './group-commit.ts';

/** How to store a batch: who asserts it, when, and under which rules. */
export interface StoreOptions {
  /** The Agent or Group asserting the statements (from the credentials used); replaces any sent. */
  authority: Actor;
  /** Milliseconds since the epoch to stamp as `stored` (it never goes below the last one). */
  now?: number;
  /** xAPI version of the request; sets `version` on statements without one. Default 2.0.0. */
  version?: XapiVersion;
  /** The site's origin: actors with an account there naming a user are linked to that user. */
  siteOrigin?: string;
  /** SHA-2 hashes (lower case) of the attachment data sent with the statements. */
  attachmentHashes?: ReadonlySet<string>;
  /** A permission check on the validated statements: a message refuses the whole batch. */
  authorize?: (statements: readonly Statement[]) => string | null;
}

/** The outcome of a store: the ids in order, or why nothing was written. */
export type StoreResult =
  | { ok: true; ids: string[]; storedCount: number }
  | { ok: false; reason: 'invalid' | 'conflict' | 'forbidden' | 'busy'; message: string };

function isBusy(error: unknown): boolean {
  const text =
    error instanceof Error ? `${(error as { code?: string }).code} ${error.message}` : '';
  return /SQLITE_BUSY|database is locked/i.test(text);
}

/**
 * Validates, stamps and writes a batch of statements atomically: all or nothing. A statement
 * already stored with the same content is a no-op, with other content a conflict. Voiding
 * statements mark their targets voided, and completion rows are updated in the same transaction.
 */
export async function storeStatements(
  db: Database,
  inputs: readonly unknown[],
  options: StoreOptions,
): Promise<StoreResult> {
  const version = options.version ?? '2.0.0';
  const parsed = parseStatements(inputs, version, options.attachmentHashes);
  if (!parsed.ok) return { ok: false, reason: 'invalid', message: parsed.message };
  const denial = options.authorize?.(parsed.statements);
  if (denial) return { ok: false, reason: 'forbidden', message: denial };
  const prepared = parsed.statements.map((statement) =>
    prepareStatement(statement, {
      authority: options.authority,
      version,
      siteOrigin: options.siteOrigin,
    }),
  );
  const voiders = new Set(prepared.flatMap((p) => (p.voidsId ? [p.id] : [])));
  const voidsVoider = prepared.find((p) => p.voidsId && voiders.has(p.voidsId));
  if (voidsVoider) {
    return {
      ok: false,
      reason: 'invalid',
      message: `statement ${voidsVoider.id} voids ${voidsVoider.voidsId}, which is itself a voiding statement and cannot be voided`,
    };
  }
  if (prepared.length === 0) return { ok: true, ids: [], storedCount: 0 };
  const at = options.now ?? clockNow();
  try {
    return await submitBatch(db, prepared, at);
  } catch (error) {
    if (!isBusy(error)) throw error;
    return {
      ok: false,
      reason: 'busy',
      message: 'The learning record is busy with another writer; retry in a moment.',
    };
  }
}
