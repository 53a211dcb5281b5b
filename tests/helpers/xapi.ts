import { runCli } from './http.ts';

/** An xAPI credential as `switchyard xapi-credential add` printed it. */
export interface Credential {
  key: string;
  secret: string;
}

/** Creates an xAPI credential through the CLI and reads key= and secret= from its output. */
export function addCredential(
  databaseUrl: string,
  scope: 'read' | 'write' | 'all' | 'launch' = 'all',
): Credential {
  const run = runCli(databaseUrl, [
    'xapi-credential',
    'add',
    '--name',
    `test ${scope}`,
    '--scope',
    scope,
  ]);
  const key = /^key=(.+)$/m.exec(run.stdout)?.[1];
  const secret = /^secret=(.+)$/m.exec(run.stdout)?.[1];
  if (run.status !== 0 || !key || !secret)
    throw new Error(`xapi-credential add failed: ${run.stderr}`);
  return { key, secret };
}

/** Options of one xAPI request; the version header is sent unless `version: null`. */
export interface XapiRequestOptions {
  credential?: Credential;
  cookie?: string;
  body?: unknown;
  rawBody?: string | Uint8Array;
  version?: string | null;
  headers?: Record<string, string>;
}

/** Sends one request to the xAPI endpoint of a running server. */
export function xapiFetch(
  baseUrl: string,
  method: string,
  path: string,
  options: XapiRequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.version !== null) headers['X-Experience-API-Version'] = options.version ?? '2.0.0';
  if (options.credential) {
    const { key, secret } = options.credential;
    headers['Authorization'] = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  }
  if (options.cookie) {
    headers['Cookie'] = options.cookie;
    headers['Origin'] ??= baseUrl;
  }
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  return fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: body as BodyInit } : {}),
  });
}
