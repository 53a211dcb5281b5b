import { createHash } from 'node:crypto';
import type { Database } from '../../../../db/client.ts';
import { IN_JSON } from './read-state.ts';
import { withWriteLock } from './write-lock.ts';

/** Raw attachment data, addressed by its SHA-2 hash. */
export interface AttachmentData {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** The SHA-2 algorithm a hex digest of this length comes from. */
const ALGORITHM_BY_LENGTH: Record<number, string> = {
  56: 'sha224',
  64: 'sha256',
  96: 'sha384',
  128: 'sha512',
};

/** True when `sha2` (hex, any case) is the SHA-2 digest of `content` of its length. */
export function matchesSha2(sha2: string, content: Uint8Array): boolean {
  const algorithm = ALGORITHM_BY_LENGTH[sha2.length];
  if (!algorithm || !/^[0-9a-f]+$/i.test(sha2)) return false;
  return createHash(algorithm).update(content).digest('hex') === sha2.toLowerCase();
}

/** Stores attachment data once per hash (data already held is left as it is). */
export async function storeAttachments(
  db: Database,
  attachments: readonly AttachmentData[],
  now: number,
): Promise<void> {
  if (attachments.length === 0) return;
  await withWriteLock(db, () =>
    db.$client.batch(
      attachments.map((attachment) => ({
        sql: 'INSERT INTO xapi_attachments (sha2, content_type, content, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        args: [attachment.sha2.toLowerCase(), attachment.contentType, attachment.content, now],
      })),
      'write',
    ),
  );
}

/** The stored data of these hashes (those held; unknown hashes are left out). */
export async function readAttachments(
  db: Database,
  hashes: readonly string[],
): Promise<AttachmentData[]> {
  const unique = [...new Set(hashes.map((hash) => hash.toLowerCase()))];
  if (unique.length === 0) return [];
  const result = await db.$client.execute({
    sql: `SELECT sha2, content_type, content FROM xapi_attachments WHERE sha2 ${IN_JSON}`,
    args: [JSON.stringify(unique)],
  });
  return result.rows.map((row) => ({
    sha2: String(row['sha2']),
    contentType: String(row['content_type']),
    content: Buffer.from(row['content'] as ArrayBuffer),
  }));
}
