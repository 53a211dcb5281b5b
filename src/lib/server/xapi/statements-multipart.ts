import { readBodyBytes } from '../http/body.ts';
import { matchesSha2, type AttachmentData } from '../learning-record/attachments.ts';
import { parseMultipart } from './multipart.ts';

/** Largest multipart/mixed statement request: the statements plus their attachment data. */
export const MAX_MULTIPART_BYTES = 16 * 1024 * 1024;

/** Statements (parsed JSON) and attachment data of a multipart/mixed request, or a refusal. */
export type MultipartStatements =
  | { ok: true; value: unknown; attachments: AttachmentData[] }
  | { ok: false; status: 400 | 413; message: string };

/**
 * Reads a multipart/mixed statement request: the first part is the statements as JSON, each
 * further part the raw data of an attachment, named by its SHA-2 in X-Experience-API-Hash.
 */
export async function readMultipartStatements(request: Request): Promise<MultipartStatements> {
  const bytes = await readBodyBytes(request, MAX_MULTIPART_BYTES);
  if (!bytes.ok) {
    return bytes.reason === 'too-large'
      ? {
          ok: false,
          status: 413,
          message: `A statement request with attachments may be at most ${MAX_MULTIPART_BYTES / 1024 / 1024} MiB.`,
        }
      : { ok: false, status: 400, message: 'The request body could not be read; send it again.' };
  }
  const parsed = parseMultipart(
    Buffer.from(bytes.bytes),
    request.headers.get('content-type') ?? '',
  );
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  const [first, ...rest] = parsed.parts;
  if (!first || !/^application\/json\b/i.test(first.headers.get('content-type') ?? '')) {
    return {
      ok: false,
      status: 400,
      message:
        'The first multipart part must be the statements, with Content-Type: application/json.',
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(first.content));
  } catch {
    return { ok: false, status: 400, message: 'The first multipart part is not valid JSON.' };
  }
  const attachments: AttachmentData[] = [];
  for (const [index, part] of rest.entries()) {
    const which = `multipart part ${index + 2}`;
    const sha2 = part.headers.get('x-experience-api-hash')?.toLowerCase();
    if (!sha2)
      return { ok: false, status: 400, message: `${which} has no X-Experience-API-Hash header.` };
    const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase() ?? 'binary';
    if (encoding !== 'binary') {
      return {
        ok: false,
        status: 400,
        message: `${which} must be sent with Content-Transfer-Encoding: binary, not ${encoding.slice(0, 20)}.`,
      };
    }
    if (!matchesSha2(sha2, part.content)) {
      return {
        ok: false,
        status: 400,
        message: `${which}: its data does not have the SHA-2 hash its X-Experience-API-Hash names.`,
      };
    }
    attachments.push({
      sha2,
      contentType: part.headers.get('content-type') ?? 'application/octet-stream',
      content: part.content,
    });
  }
  return { ok: true, value, attachments };
}

/** A message when a data part matches no attachment of the statements, else null. */
export function findUnclaimedPart(
  statements: readonly unknown[],
  attachments: readonly AttachmentData[],
): string | null {
  const declared = new Set<string>();
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) continue;
    const list = (statement as { attachments?: unknown }).attachments;
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const sha2 =
        typeof entry === 'object' && entry !== null ? (entry as { sha2?: unknown }).sha2 : null;
      if (typeof sha2 === 'string') declared.add(sha2.toLowerCase());
    }
  }
  const stray = attachments.find((attachment) => !declared.has(attachment.sha2));
  return stray
    ? `The multipart part with hash ${stray.sha2.slice(0, 16)}... belongs to no attachment of the statements.`
    : null;
}
