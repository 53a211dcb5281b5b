import type { XapiStatement } from './statement-queue.ts';

/** What the server made of one POST of statements. */
export type SendOutcome =
  | { kind: 'stored' }
  /** 400, 403 or 409: these statements, as sent, will never be accepted. */
  | { kind: 'refused'; status: number; message: string }
  /** 413: the batch is too big; smaller ones may pass. */
  | { kind: 'too-large' }
  /** 401: the session ended; sending resumes after the learner signs in again. */
  | { kind: 'signed-out' }
  /** Network down, server busy or failing: try again later. */
  | { kind: 'retry'; retryAfterMs: number | null };

/** Where and how statements are posted. */
export interface SendTarget {
  endpoint: string;
  version: string;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** Reads the outcome of a POST /xapi/statements response. */
export async function readOutcome(response: Response): Promise<SendOutcome> {
  const { status } = response;
  if (status === 200 || status === 204) return { kind: 'stored' };
  if (status === 401) return { kind: 'signed-out' };
  if (status === 413) return { kind: 'too-large' };
  if (status === 400 || status === 403 || status === 409) {
    return { kind: 'refused', status, message: await errorMessage(response) };
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    kind: 'retry',
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  };
}

/** The JSON body of a batch. */
export function batchBody(statements: XapiStatement[]): string {
  return JSON.stringify(statements);
}

/** Starts a POST of statements with the session cookie; `keepalive` lets it outlive the page. */
export function postStatements(
  target: SendTarget,
  body: string,
  keepalive = false,
): Promise<Response> {
  return fetch(target.endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    keepalive,
    headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': target.version },
    body,
  });
}

/** POSTs statements and classifies the answer; a network failure means "retry". */
export async function sendStatements(
  target: SendTarget,
  statements: XapiStatement[],
): Promise<SendOutcome> {
  try {
    return await readOutcome(await postStatements(target, batchBody(statements)));
  } catch {
    return { kind: 'retry', retryAfterMs: null };
  }
}
