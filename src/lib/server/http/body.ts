/** Cancels a body stream without waiting: a cancelled copy (tee) settles only with its twin. */
export function cancelQuietly(body: ReadableStream | null): void {
  body?.cancel().catch(() => undefined);
}

/** A request body read under a byte limit. */
export type BodyBytes =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'unreadable' };

/**
 * Reads a request body without ever holding more than `limit` bytes, whatever Content-Length says
 * (chunked bodies have none); the stream is cancelled as soon as the limit is passed.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<BodyBytes> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) {
    cancelQuietly(request.body);
    return { ok: false, reason: 'too-large' };
  }
  const reader = request.body?.getReader();
  if (!reader) return { ok: true, bytes: new Uint8Array(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Not awaited: a cancelled copy of a body settles only once the original is cancelled too.
        reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  // A small body arrives as one chunk: no copy needed.
  return { ok: true, bytes: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks) };
}

/** True when a request carries a body (declared or chunked). */
export function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  return (length !== null && length !== '0') || request.headers.has('transfer-encoding');
}
