import { createHash } from 'node:crypto';
import type { Database } from '../../../../db/client.ts';
import { now as clockNow } from '../clock.ts';
import {
  checkPreconditions,
  NO_PRECONDITIONS,
  type Preconditions,
} from './document-preconditions.ts';
import { isPlainObject } from './formats.ts';
import { withWriteLock } from './write-lock.ts';

/** The three xAPI document resources. */
export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** The context a document lives in; parts a kind does not use are ''. */
export interface DocumentScope {
  kind: DocumentKind;
  /** Activity IRI (state, activity profile). */
  activityId: string;
  /** actorKey of the agent (state, agent profile). */
  agentKey: string;
  /** Lower-case registration UUID of a state document, or ''. */
  registration: string;
}

/** One document's address: its scope and its stateId or profileId. */
export interface DocumentKey extends DocumentScope {
  documentId: string;
}

/** A stored document. */
export interface StoredDocument {
  contentType: string;
  content: Buffer;
  /** Lower-case hex SHA-1 of the content. */
  etag: string;
  /** Milliseconds since the epoch of the last change. */
  updated: number;
}

/** Content to store. */
export interface DocumentBody {
  contentType: string;
  content: Buffer;
}

/** Outcome of a document write: done, or the status and message refusing it (nothing changed). */
export type DocumentWriteResult =
  { ok: true } | { ok: false; status: 400 | 409 | 412; message: string };

type Refusal = Extract<DocumentWriteResult, { ok: false }>;

/** The ETag of some content: lower-case hex SHA-1, as xAPI 1.0.3 prescribes. */
export function documentEtag(content: Uint8Array): string {
  return createHash('sha1').update(content).digest('hex');
}

/** True when a Content-Type is application/json (any parameters). */
export function isJsonType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

const KEY_WHERE =
  'kind = ? AND activity_id = ? AND agent_key = ? AND registration = ? AND document_id = ?';
const keyArgs = (key: DocumentKey): string[] => [
  key.kind,
  key.activityId,
  key.agentKey,
  key.registration,
  key.documentId,
];

/** Reads one document, or null. */
export async function readDocument(db: Database, key: DocumentKey): Promise<StoredDocument | null> {
  const result = await db.$client.execute({
    sql: `SELECT content_type, content, etag, updated FROM xapi_documents WHERE ${KEY_WHERE}`,
    args: keyArgs(key),
  });
  const row = result.rows[0];
  if (!row) return null;
  return {
    contentType: String(row['content_type']),
    content: Buffer.from(row['content'] as ArrayBuffer),
    etag: String(row['etag']),
    updated: Number(row['updated']),
  };
}

/**
 * Ids of the documents in a scope changed after `since` (exclusive), and the latest change.
 * For state, a scope without a registration covers every registration.
 */
export async function listDocumentIds(
  db: Database,
  scope: DocumentScope,
  since: number | null,
): Promise<{ ids: string[]; updated: number | null }> {
  const anyRegistration = scope.kind === 'state' && scope.registration === '';
  const result = await db.$client.execute({
    sql: `SELECT document_id, updated FROM xapi_documents
          WHERE kind = ? AND activity_id = ? AND agent_key = ?
          ${anyRegistration ? '' : 'AND registration = ?'} AND updated > ?
          ORDER BY document_id`,
    args: [
      scope.kind,
      scope.activityId,
      scope.agentKey,
      ...(anyRegistration ? [] : [scope.registration]),
      since ?? -1,
    ],
  });
  const ids = [...new Set(result.rows.map((row) => String(row['document_id'])))];
  const updated = result.rows.reduce<number | null>(
    (latest, row) => Math.max(latest ?? 0, Number(row['updated'])),
    null,
  );
  return { ids, updated };
}

/** How many times a compare-and-swap write is retried when another instance wrote in between. */
const MAX_ATTEMPTS = 8;

/**
 * Reads the current document, lets `decide` refuse or produce the new content, and writes it only
 * if the document is still as read (compare-and-swap on the ETag), so concurrent writers through
 * any instance never lose an update. Runs behind this process's write queue.
 */
async function swapDocument(
  db: Database,
  key: DocumentKey,
  decide: (current: StoredDocument | null) => Refusal | { ok: true; next: DocumentBody | null },
  at: number,
): Promise<DocumentWriteResult> {
  return withWriteLock(db, async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await readDocument(db, key);
      const decision = decide(current);
      if (!decision.ok) return decision;
      const next = decision.next;
      let changed: number;
      if (next === null) {
        if (!current) return { ok: true };
        const result = await db.$client.execute({
          sql: `DELETE FROM xapi_documents WHERE ${KEY_WHERE} AND etag = ?`,
          args: [...keyArgs(key), current.etag],
        });
        changed = result.rowsAffected;
      } else if (current) {
        const result = await db.$client.execute({
          sql: `UPDATE xapi_documents SET content_type = ?, content = ?, etag = ?, updated = ?
                WHERE ${KEY_WHERE} AND etag = ? AND updated = ?`,
          args: [
            next.contentType,
            next.content,
            documentEtag(next.content),
            Math.max(at, current.updated + 1),
            ...keyArgs(key),
            current.etag,
            current.updated,
          ],
        });
        changed = result.rowsAffected;
      } else {
        const result = await db.$client.execute({
          sql: `INSERT INTO xapi_documents
                (kind, activity_id, agent_key, registration, document_id, content_type, content, etag, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          args: [...keyArgs(key), next.contentType, next.content, documentEtag(next.content), at],
        });
        changed = result.rowsAffected;
      }
      if (changed === 1) return { ok: true };
    }
    throw new Error('document write kept colliding with other writers');
  });
}

/** Options of a client's document write. */
export interface WriteOptions {
  preconditions?: Preconditions;
  /** Whether changing an existing document without If-Match / If-None-Match is a 409. */
  needsPrecondition?: boolean;
  now?: number;
}

/** Puts `next` (null deletes) in place of the document once the preconditions hold. */
function replaceDocument(
  db: Database,
  key: DocumentKey,
  next: DocumentBody | null,
  options: WriteOptions,
): Promise<DocumentWriteResult> {
  const preconditions = options.preconditions ?? NO_PRECONDITIONS;
  return swapDocument(
    db,
    key,
    (current) => {
      const refusal = checkPreconditions(
        preconditions,
        current?.etag ?? null,
        options.needsPrecondition ?? false,
      );
      return refusal ? { ok: false, ...refusal } : { ok: true, next };
    },
    options.now ?? clockNow(),
  );
}

/** PUT: stores the document in place of any existing one, after the preconditions hold. */
export function putDocument(
  db: Database,
  key: DocumentKey,
  body: DocumentBody,
  options: WriteOptions = {},
): Promise<DocumentWriteResult> {
  return replaceDocument(db, key, body, options);
}

function parseObject(content: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * POST: creates the document, or merges a JSON object into an existing JSON object document
 * (top-level properties of the posted object replace the stored ones). Anything else is a 400.
 */
export function mergeDocument(
  db: Database,
  key: DocumentKey,
  body: DocumentBody,
  options: WriteOptions = {},
): Promise<DocumentWriteResult> {
  const preconditions = options.preconditions ?? NO_PRECONDITIONS;
  return swapDocument(
    db,
    key,
    (current) => {
      const refusal = checkPreconditions(preconditions, current?.etag ?? null, false);
      if (refusal) return { ok: false, ...refusal };
      if (!current) return { ok: true, next: body };
      const posted = isJsonType(body.contentType) ? parseObject(body.content) : null;
      const stored = isJsonType(current.contentType) ? parseObject(current.content) : null;
      if (!posted || !stored) {
        const which = posted ? 'stored document' : 'posted document';
        return {
          ok: false,
          status: 400,
          message: `POST merges JSON objects only, and the ${which} is not an application/json object; use PUT to replace it.`,
        };
      }
      const merged = Buffer.from(JSON.stringify({ ...stored, ...posted }));
      return { ok: true, next: { contentType: 'application/json', content: merged } };
    },
    options.now ?? clockNow(),
  );
}

/** DELETE of one document (absent documents are already deleted). */
export function deleteDocument(
  db: Database,
  key: DocumentKey,
  options: WriteOptions = {},
): Promise<DocumentWriteResult> {
  return replaceDocument(db, key, null, options);
}

/** DELETE of every state document of an activity and agent (and registration, when given). */
export async function deleteStateDocuments(db: Database, scope: DocumentScope): Promise<number> {
  const anyRegistration = scope.registration === '';
  return withWriteLock(db, async () => {
    const result = await db.$client.execute({
      sql: `DELETE FROM xapi_documents WHERE kind = 'state' AND activity_id = ? AND agent_key = ?
            ${anyRegistration ? '' : 'AND registration = ?'}`,
      args: [scope.activityId, scope.agentKey, ...(anyRegistration ? [] : [scope.registration])],
    });
    return result.rowsAffected;
  });
}
