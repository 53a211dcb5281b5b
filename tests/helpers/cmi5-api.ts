import type { Credential } from './xapi.ts';

/** Calls the cmi5 integration API of a running server with a launch credential. */
export function cmi5Api(
  baseUrl: string,
  credential: Credential,
  method: string,
  path: string,
  body?: Uint8Array | string | Record<string, unknown>,
  contentType?: string,
): Promise<Response> {
  const headers: Record<string, string> = {
    Authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`,
  };
  let payload: BodyInit | undefined;
  if (body instanceof Uint8Array) {
    payload = new Uint8Array(body);
    headers['Content-Type'] = contentType ?? 'application/zip';
  } else if (typeof body === 'string') {
    payload = body;
    headers['Content-Type'] = contentType ?? 'application/xml';
  } else if (body) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  return fetch(`${baseUrl}${path}`, { method, headers, ...(payload ? { body: payload } : {}) });
}
