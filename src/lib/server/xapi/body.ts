import { readJsonValue } from '../http/json.ts';

/** Largest request body accepted (a batch of a few thousand typical statements). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Largest document accepted in one PUT or POST to a document resource. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** Most statements in one POST. */
export const MAX_BATCH = 1000;

/** The parsed JSON body, or the status and message to refuse it with. */
export type BodyResult =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string };

const tooLarge = (): BodyResult => ({
  ok: false,
  status: 413,
  message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send fewer statements per request.`,
});

/** Reads a JSON body without ever holding more than the limit in memory. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/')) {
    return {
      ok: false,
      status: 400,
      message:
        'multipart/mixed (attachment data) is not accepted here; send application/json and give each attachment a fileUrl.',
    };
  }
  if (!type.startsWith('application/json')) {
    return {
      ok: false,
      status: 400,
      message: 'Send the statements as Content-Type: application/json.',
    };
  }
  const body = await readJsonValue(request, limit);
  if (body.ok) return body;
  switch (body.problem) {
    case 'too-large':
      return tooLarge();
    case 'unreadable':
      return {
        ok: false,
        status: 400,
        message: 'The request body could not be read; send it again.',
      };
    case 'not-utf8':
      return { ok: false, status: 400, message: 'The request body is not valid UTF-8.' };
    case 'empty':
      return {
        ok: false,
        status: 400,
        message: 'The request body is empty; send statements as JSON.',
      };
    case 'not-json': {
      const detail = body.detail ? `: ${body.detail}` : '';
      return { ok: false, status: 400, message: `The request body is not valid JSON${detail}.` };
    }
  }
}
