import type { Database } from '../../../../db/client.ts';
import { isPlainObject } from '../learning-record/formats.ts';
import { storeStatements, type StoreResult } from '../learning-record/store-statements.ts';
import type { XapiVersion } from '../learning-record/validate.ts';
import { storeAttachments, type AttachmentData } from '../learning-record/attachments.ts';
import { checkSignatures } from '../learning-record/signature.ts';
import { now } from '../clock.ts';
import { MAX_BATCH, readJsonBody } from './body.ts';
import { findUnclaimedPart, readMultipartStatements } from './statements-multipart.ts';
import { learnerWritePolicy } from './learner-policy.ts';
import type { Principal } from './principal.ts';
import { auWritePolicy } from '../cmi5/au-access.ts';
import { consistentThrough, xapiError, xapiJson, xapiHeaders } from './protocol.ts';

const STATUS_BY_REASON = { invalid: 400, conflict: 409, forbidden: 403, busy: 503 } as const;

/** The statements (and attachment data) of a PUT or POST, or the response refusing it. */
async function statementsFromRequest(
  request: Request,
  url: URL,
  method: 'PUT' | 'POST',
  version: XapiVersion,
): Promise<{ list: unknown[]; attachments: AttachmentData[] } | Response> {
  const headers = consistentThrough();
  const names = [...url.searchParams.keys()];
  if (method === 'POST' && names.length > 0) {
    return xapiError(
      400,
      `POST /xapi/statements takes no parameters, got ${names.join(', ').slice(0, 120)}.`,
      version,
      headers,
    );
  }
  if (method === 'PUT' && (names.length !== 1 || names[0] !== 'statementId')) {
    return xapiError(
      400,
      'PUT /xapi/statements needs exactly one parameter: statementId.',
      version,
      headers,
    );
  }
  const isMultipart = /^multipart\/mixed\b/i.test(request.headers.get('content-type') ?? '');
  const body = isMultipart ? await readMultipartStatements(request) : await readJsonBody(request);
  if (!body.ok) return xapiError(body.status, body.message, version, headers);
  const attachments = (body as { attachments?: AttachmentData[] }).attachments ?? [];
  if (method === 'PUT') {
    const statementId = url.searchParams.get('statementId') ?? '';
    if (!isPlainObject(body.value)) {
      return xapiError(
        400,
        'PUT takes one statement (a JSON object), not a list.',
        version,
        headers,
      );
    }
    const id = body.value['id'];
    if (
      id !== undefined &&
      (typeof id !== 'string' || id.toLowerCase() !== statementId.toLowerCase())
    ) {
      return xapiError(
        400,
        'The statement id differs from the statementId parameter.',
        version,
        headers,
      );
    }
    return { list: [{ ...body.value, id: statementId }], attachments };
  }
  const list = Array.isArray(body.value) ? body.value : [body.value];
  if (list.length === 0)
    return xapiError(400, 'The batch is empty; send at least one statement.', version, headers);
  if (list.length > MAX_BATCH) {
    return xapiError(
      413,
      `A batch may hold at most ${MAX_BATCH} statements; split it.`,
      version,
      headers,
    );
  }
  return { list, attachments };
}

/** PUT and POST /xapi/statements: validate, authorise and store atomically. */
export async function writeStatements(
  db: Database,
  input: {
    request: Request;
    url: URL;
    method: 'PUT' | 'POST';
    principal: Principal;
    version: XapiVersion;
    siteOrigin: string;
  },
): Promise<Response> {
  const { principal, version } = input;
  const received = await statementsFromRequest(input.request, input.url, input.method, version);
  if (received instanceof Response) return received;
  const { list: statements, attachments } = received;
  const dataProblem =
    findUnclaimedPart(statements, attachments) ??
    (await checkSignatures(statements, new Map(attachments.map((a) => [a.sha2, a.content]))));
  if (dataProblem) return xapiError(400, dataProblem, version, consistentThrough());
  const authority = principal.kind === 'client' ? principal.authority : principal.agent;
  // A launched AU's statements follow cmi5's rules for its session and registration.
  const au =
    principal.kind === 'au' ? await auWritePolicy(db, input.siteOrigin, principal.access) : null;
  const result: StoreResult = await storeStatements(db, statements, {
    authority,
    version,
    siteOrigin: input.siteOrigin,
    attachmentHashes: new Set(attachments.map((attachment) => attachment.sha2)),
    ...(principal.kind === 'learner'
      ? { authorize: learnerWritePolicy(principal.agent, input.siteOrigin) }
      : {}),
    ...(au ? { authorize: au.authorize } : {}),
  });
  if (au && result.ok) await au.afterStore();
  const headers = consistentThrough();
  if (!result.ok) {
    const extra = result.reason === 'busy' ? { ...headers, 'Retry-After': '1' } : headers;
    return xapiError(STATUS_BY_REASON[result.reason], result.message, version, extra);
  }
  // Stored after the statements, so a refused batch leaves no data behind; a retry fills any gap.
  await storeAttachments(db, attachments, now());
  if (input.method === 'PUT')
    return new Response(null, { status: 204, headers: xapiHeaders(version, headers) });
  return xapiJson(200, JSON.stringify(result.ids), version, headers);
}
