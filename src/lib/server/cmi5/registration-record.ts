import type { Database } from '../../../../db/client.ts';
import { CMI5, cmi5VerbOf, type Cmi5Verb } from './cmi5-ids.ts';

/** A cmi5-defined statement of a registration, as the rules read it. */
export interface RecordedStatement {
  id: string;
  verb: Cmi5Verb;
  objectId: string;
  sessionId: string | null;
  isCmi5Defined: boolean;
  reason: string | null;
}

/** What the learning record holds for one registration, read fresh for every decision. */
export interface RegistrationRecord {
  statements: RecordedStatement[];
}

interface StatementLike {
  id?: unknown;
  verb?: { id?: unknown };
  object?: { id?: unknown };
  context?: {
    extensions?: Record<string, unknown>;
    contextActivities?: { category?: { id?: unknown }[] };
  };
  result?: { extensions?: Record<string, unknown> };
}

/** True when a statement carries the cmi5 category (cmi5 9.6.2.1): it is "cmi5 defined". */
export function hasCmi5Category(statement: StatementLike): boolean {
  return (statement.context?.contextActivities?.category ?? []).some(
    (activity) => activity?.id === CMI5.category,
  );
}

/** The session id a statement names in its context (cmi5 9.6.3.1), or null. */
export function sessionIdOf(statement: StatementLike): string | null {
  const value = statement.context?.extensions?.[CMI5.sessionId];
  return typeof value === 'string' ? value : null;
}

/** A statement as the rules read it; null for verbs cmi5 does not define. */
export function toRecorded(statement: StatementLike): RecordedStatement | null {
  const verb = cmi5VerbOf(String(statement.verb?.id ?? ''));
  if (!verb) return null;
  const reason = statement.result?.extensions?.[CMI5.reason];
  return {
    id: String(statement.id ?? ''),
    verb,
    objectId: String(statement.object?.id ?? ''),
    sessionId: sessionIdOf(statement),
    isCmi5Defined: hasCmi5Category(statement),
    reason: typeof reason === 'string' ? reason : null,
  };
}

/** The registration's cmi5 statements (not voided), in the order they were stored. */
export async function readRegistrationRecord(
  db: Database,
  registration: string,
): Promise<RegistrationRecord> {
  const rows = await db.$client.execute({
    // The registration's filter rows (statement_refs) find its statements through the ref index.
    sql: `SELECT s.body FROM statement_refs r JOIN statements s ON s.seq = r.seq
      WHERE r.ref = ? AND r.kind = 'registration' AND s.is_voided = 0 ORDER BY r.seq`,
    args: [registration],
  });
  const statements: RecordedStatement[] = [];
  for (const row of rows.rows) {
    const recorded = toRecorded(JSON.parse(String(row['body'])) as StatementLike);
    if (recorded) statements.push(recorded);
  }
  return { statements };
}
