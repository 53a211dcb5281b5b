import type { Database } from '../../../../db/client.ts';
import { actorKey } from '../learning-record/actor-key.ts';
import { parseEntityTags, type Preconditions } from '../learning-record/document-preconditions.ts';
import {
  deleteDocument,
  deleteStateDocuments,
  documentEtag,
  isJsonType,
  listDocumentIds,
  mergeDocument,
  putDocument,
  readDocument,
  type DocumentKind,
  type DocumentWriteResult,
} from '../learning-record/documents.ts';
import type { XapiVersion } from '../learning-record/validate.ts';
import { readBodyBytes } from '../http/body.ts';
import { MAX_DOCUMENT_BYTES } from './body.ts';
import {
  DOCUMENT_RESOURCES,
  parseDocumentParams,
  type DocumentRequest,
} from './document-params.ts';
import type { Principal } from './principal.ts';
import { auDocumentRefusal } from '../cmi5/au-access.ts';
import { xapiError, xapiHeaders } from './protocol.ts';
import { runXapi, type XapiRequest } from './xapi-request.ts';

const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/** What a signed-in learner may do here, or why not: only documents about themselves. */
function learnerRefusal(
  kind: DocumentKind,
  request: DocumentRequest,
  principal: Principal,
  method: string,
): string | null {
  if (principal.kind === 'au') {
    const key = request.kind === 'single' ? request.key : request.scope;
    return auDocumentRefusal(
      principal.access,
      kind,
      {
        agentKey: request.agent ? actorKey(request.agent) : null,
        registration: kind === 'state' ? key.registration : null,
        stateId: request.kind === 'single' ? request.key.documentId : null,
      },
      method,
    );
  }
  if (principal.kind !== 'learner') return null;
  if (kind === 'activity_profile') {
    return method === 'GET' || method === 'HEAD'
      ? null
      : 'Activity Profile documents are written with an xAPI credential; ask an administrator.';
  }
  if (!request.agent || actorKey(request.agent) !== principal.key) {
    return `Signed-in learners read and write only their own documents: send agent=${JSON.stringify({ objectType: 'Agent', account: principal.agent.account })}.`;
  }
  return null;
}

function readPreconditions(request: Request): Preconditions {
  return {
    ifMatch: parseEntityTags(request.headers.get('if-match')),
    ifNoneMatch: parseEntityTags(request.headers.get('if-none-match')),
  };
}

async function answerRead(
  db: Database,
  request: DocumentRequest,
  version: XapiVersion,
  isHead: boolean,
): Promise<Response> {
  if (request.kind === 'single') {
    const found = await readDocument(db, request.key);
    if (!found) return xapiError(404, 'No document has this id in this context.', version);
    const headers = xapiHeaders(version, {
      'Content-Type': found.contentType,
      ETag: `"${found.etag}"`,
      'Last-Modified': new Date(found.updated).toUTCString(),
    });
    return new Response(isHead ? null : new Uint8Array(found.content), { status: 200, headers });
  }
  const list = await listDocumentIds(db, request.scope, request.since);
  const body = JSON.stringify(list.ids);
  const headers = xapiHeaders(version, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: `"${documentEtag(Buffer.from(body))}"`,
    ...(list.updated !== null ? { 'Last-Modified': new Date(list.updated).toUTCString() } : {}),
  });
  return new Response(isHead ? null : body, { status: 200, headers });
}

function done(result: DocumentWriteResult, version: XapiVersion): Response {
  if (!result.ok) return xapiError(result.status, result.message, version);
  return new Response(null, { status: 204, headers: xapiHeaders(version) });
}

async function answerWrite(
  db: Database,
  kind: DocumentKind,
  request: DocumentRequest,
  http: Request,
  method: string,
  version: XapiVersion,
): Promise<Response> {
  const preconditions = readPreconditions(http);
  // 1.0.3 lets State change without a precondition; 2.0.0 asks it of every document resource.
  const needsPrecondition = kind !== 'state' || version === '2.0.0';
  if (method === 'DELETE') {
    if (request.kind === 'multiple') {
      await deleteStateDocuments(db, request.scope);
      return done({ ok: true }, version);
    }
    const needsOnDelete = kind !== 'state' && version === '2.0.0';
    return done(
      await deleteDocument(db, request.key, { preconditions, needsPrecondition: needsOnDelete }),
      version,
    );
  }
  if (request.kind !== 'single') return xapiError(400, 'Name the document to write.', version);
  const bytes = await readBodyBytes(http, MAX_DOCUMENT_BYTES);
  if (!bytes.ok && bytes.reason === 'unreadable') {
    return xapiError(400, 'The document could not be read; send it again.', version);
  }
  if (!bytes.ok) {
    return xapiError(
      413,
      `A document may be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`,
      version,
    );
  }
  const contentType = http.headers.get('content-type')?.trim() || 'application/octet-stream';
  if (isJsonType(contentType)) {
    try {
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.bytes));
    } catch {
      return xapiError(
        400,
        'The document is sent as application/json but is not valid JSON.',
        version,
      );
    }
  }
  const body = { contentType, content: Buffer.from(bytes.bytes) };
  const result =
    method === 'PUT'
      ? await putDocument(db, request.key, body, { preconditions, needsPrecondition })
      : await mergeDocument(db, request.key, body, { preconditions });
  return done(result, version);
}

/** Handles /xapi/activities/state, /xapi/activities/profile and /xapi/agents/profile. */
export function handleDocuments(kind: DocumentKind, sent: XapiRequest): Promise<Response> {
  const rules = DOCUMENT_RESOURCES[kind];
  return runXapi(
    sent,
    { methods: METHODS, path: rules.path },
    async ({ db, principal, version, method }, input) => {
      const parsed = parseDocumentParams(kind, method, input.url.searchParams);
      if (!parsed.ok) return xapiError(400, parsed.message, version);
      const refusal = learnerRefusal(kind, parsed.request, principal, method);
      if (refusal) return xapiError(403, refusal, version);
      if (method === 'GET' || method === 'HEAD') {
        return answerRead(db, parsed.request, version, method === 'HEAD');
      }
      return answerWrite(db, kind, parsed.request, input.request, method, version);
    },
  );
}
