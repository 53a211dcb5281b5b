import type { XapiVersion } from '../learning-record/validate.ts';
import { readBodyBytes } from '../http/body.ts';
import { bodyLimitFor, tooLargeMessage } from '../http/body-limits.ts';
import { readVersion, VERSION_HEADER, xapiError } from './protocol.ts';
import type { XapiRequest } from './xapi-request.ts';

/**
 * xAPI 1.0.3's alternate request syntax (Communication 1.3), for clients that can send only POST
 * and set no headers: `POST <resource>?method=PUT` with a form-encoded body holding the headers,
 * the query parameters and the content. It is turned into the ordinary request it stands for, so
 * every resource applies its own rules (version, credentials, scopes, body limits) unchanged.
 * xAPI 2.0.0 removed the syntax; a request that names 2.0.0 is refused.
 */

/** Form parameters read as header parameters (Communication 1.3.s3.b6-b7). */
const HEADER_PARAMS = [
  'Authorization',
  'X-Experience-API-Version',
  'Content-Type',
  'Content-Length',
  'If-Match',
  'If-None-Match',
];
const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];
const WITH_CONTENT = ['PUT', 'POST'];
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** The ordinary request an alternate-syntax request stands for, or the answer refusing it. */
export async function unwrapAlternateRequest(input: XapiRequest): Promise<XapiRequest | Response> {
  const { request, url } = input;
  if (!url.searchParams.has('method')) return input;
  // Only 1.0.3 has this syntax, so a client using it without a version header is a 1.0.3 client.
  const sentVersion = readVersion(request.headers.get(VERSION_HEADER));
  const refuse = (message: string, status = 400, version?: XapiVersion): Response =>
    xapiError(status, message, version ?? (sentVersion.ok ? sentVersion.version : '1.0.3'));
  if (request.method.toUpperCase() !== 'POST') {
    return refuse('The alternate request syntax (a method parameter) is sent only as POST.');
  }
  const extra = [...url.searchParams.keys()].filter((name) => name !== 'method');
  if (extra.length > 0 || url.searchParams.getAll('method').length > 1) {
    const names = extra.length ? extra.join(', ').slice(0, 120) : 'method twice';
    return refuse(
      `With the alternate request syntax the query string holds only method; send ${names} as form parameters.`,
    );
  }
  const method = (url.searchParams.get('method') ?? '').toUpperCase();
  if (!METHODS.includes(method)) {
    return refuse(`method must be GET, HEAD, PUT, POST or DELETE, not "${method.slice(0, 20)}".`);
  }
  const form = await readForm(
    request,
    url.pathname,
    sentVersion.ok ? sentVersion.version : '1.0.3',
  );
  if (form instanceof Response) return form;

  const headers = new Headers(request.headers);
  headers.delete('content-type');
  headers.delete('content-length');
  const target = new URL(url.pathname, url);
  let content: string | null = null;
  for (const [name, value] of form) {
    if (form.getAll(name).length > 1) return refuse(`The form parameter ${name} is given twice.`);
    const header = HEADER_PARAMS.find((known) => known.toLowerCase() === name.toLowerCase());
    if (name === 'content') content = value;
    else if (header === 'Content-Length')
      continue; // the content's own length is known
    else if (header) {
      try {
        headers.set(header, value);
      } catch {
        return refuse(`The form parameter ${header} is not a valid header value.`);
      }
    } else target.searchParams.append(name, value);
  }
  const version = readVersion(headers.get(VERSION_HEADER));
  const answer = version.ok ? version.version : '1.0.3';
  if (version.ok && version.version !== '1.0.3') {
    return refuse(
      `xAPI ${version.version} has no alternate request syntax: send ${method} ${url.pathname} with its headers, or name X-Experience-API-Version 1.0.3.`,
      400,
      version.version,
    );
  }
  if (WITH_CONTENT.includes(method) !== (content !== null)) {
    return refuse(
      WITH_CONTENT.includes(method)
        ? `A ${method} in the alternate request syntax carries its content in the form parameter "content".`
        : `A ${method} sends no content; leave out the form parameter "content".`,
      400,
      answer,
    );
  }
  if (content === null) {
    return { ...input, url: target, request: new Request(target, { method, headers }) };
  }
  // Content sent this way is text (1.3.s3.b5); JSON unless the form names another type.
  if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
  if (/^multipart\//i.test(headers.get('content-type') ?? '')) {
    return refuse(
      'Attachment data cannot be sent with the alternate request syntax; use fileUrl.',
      400,
      answer,
    );
  }
  const body = new TextEncoder().encode(content);
  headers.set('Content-Length', String(body.byteLength));
  return { ...input, url: target, request: new Request(target, { method, headers, body }) };
}

/** The form body, read under the path's body limit, or the answer refusing it. */
async function readForm(
  request: Request,
  path: string,
  version: XapiVersion,
): Promise<URLSearchParams | Response> {
  const { limit, hint } = bodyLimitFor(path);
  const bytes = await readBodyBytes(request, limit);
  if (!bytes.ok) {
    return bytes.reason === 'too-large'
      ? xapiError(413, tooLargeMessage(limit, hint), version)
      : xapiError(400, 'The form could not be read; send it again.', version);
  }
  if (bytes.bytes.byteLength === 0) return new URLSearchParams();
  if (!FORM_TYPE.test(request.headers.get('content-type') ?? '')) {
    return xapiError(
      400,
      'The alternate request syntax sends its form as Content-Type: application/x-www-form-urlencoded.',
      version,
    );
  }
  try {
    return new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes.bytes));
  } catch {
    return xapiError(400, 'The form is not valid UTF-8.', version);
  }
}
