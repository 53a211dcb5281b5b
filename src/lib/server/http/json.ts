/** A JSON body read with a size limit: the value, or a status and a message a person can act on. */
export type JsonBody =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/** Reads a JSON request body of at most `limit` bytes without trusting Content-Length. */
export async function readJson(request: Request, limit: number): Promise<JsonBody> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) {
    return {
      ok: false,
      status: 415,
      message: 'Send the body as JSON with Content-Type: application/json.',
    };
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit)
    return { ok: false, status: 413, message: `The body is larger than ${limit} bytes.` };
  const reader = request.body?.getReader();
  if (!reader) return { ok: false, status: 400, message: 'The request has no body.' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, status: 413, message: `The body is larger than ${limit} bytes.` };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid JSON.' };
  }
}
