import { readBodyBytes } from './body.ts';

/** Why a JSON body could not be read. */
export type JsonProblem = 'too-large' | 'unreadable' | 'not-utf8' | 'empty' | 'not-json';

/** A parsed JSON body, or what was wrong with it (`detail` is the parser's own words, if any). */
export type JsonValue =
  { ok: true; value: unknown } | { ok: false; problem: JsonProblem; detail: string };

/**
 * Reads and parses a JSON request body without ever holding more than `limit` bytes; every JSON
 * endpoint reads through here and words the problems for its own callers.
 */
export async function readJsonValue(request: Request, limit: number): Promise<JsonValue> {
  const bytes = await readBodyBytes(request, limit);
  if (!bytes.ok) return { ok: false, problem: bytes.reason, detail: '' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.bytes);
  } catch {
    return { ok: false, problem: 'not-utf8', detail: '' };
  }
  if (!text.trim()) return { ok: false, problem: 'empty', detail: '' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.slice(0, 120) : '';
    return { ok: false, problem: 'not-json', detail };
  }
}

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
  const body = await readJsonValue(request, limit);
  if (body.ok) return body;
  const messages: Record<JsonProblem, string> = {
    'too-large': `The body is larger than ${limit} bytes.`,
    unreadable: 'The body could not be read; send it again.',
    'not-utf8': 'The body is not valid UTF-8.',
    empty: 'The request has no body.',
    'not-json': 'The body is not valid JSON.',
  };
  return {
    ok: false,
    status: body.problem === 'too-large' ? 413 : 400,
    message: messages[body.problem],
  };
}
