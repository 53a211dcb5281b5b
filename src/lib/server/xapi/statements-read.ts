import type { Database } from '../../../../db/client.ts';
import { readAttachments } from '../learning-record/attachments.ts';
import { formatStatement, parseAcceptLanguage } from '../learning-record/format.ts';
import { decodeMoreToken, encodeMoreToken } from '../learning-record/more-token.ts';
import { parseStatementParams, type StatementFormat } from '../learning-record/query-params.ts';
import { getStatement, queryStatements, type PageCursor } from '../learning-record/query.ts';
import type { XapiVersion } from '../learning-record/validate.ts';
import { restrictQueryToLearner } from './learner-policy.ts';
import { buildMultipart } from './multipart.ts';
import type { Principal } from './principal.ts';
import { consistentThrough, xapiError, xapiHeaders, xapiJson } from './protocol.ts';

/** The SHA-2 hashes of the attachments of the statements in a response body. */
function attachmentHashes(statements: readonly string[]): string[] {
  const hashes: string[] = [];
  for (const body of statements) {
    const parsed = JSON.parse(body) as { attachments?: { sha2?: unknown }[] };
    for (const attachment of parsed.attachments ?? []) {
      if (typeof attachment.sha2 === 'string') hashes.push(attachment.sha2);
    }
  }
  return hashes;
}

/** The answer: JSON, or with attachments=true multipart/mixed with each attachment's data held. */
async function respond(
  db: Database,
  json: string,
  statements: readonly string[],
  attachments: boolean,
  version: XapiVersion,
  extra: Record<string, string>,
): Promise<Response> {
  if (!attachments) return xapiJson(200, json, version, extra);
  const data = await readAttachments(db, attachmentHashes(statements));
  const { body, contentType } = buildMultipart([
    { headers: { 'Content-Type': 'application/json' }, content: Buffer.from(json) },
    ...data.map((attachment) => ({
      headers: {
        'Content-Type': attachment.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': attachment.sha2,
      },
      content: attachment.content,
    })),
  ]);
  const headers = xapiHeaders(version, { 'Content-Type': contentType, ...extra });
  return new Response(new Uint8Array(body), { status: 200, headers });
}

/** GET /xapi/statements: one statement by id, a query, or the next page of one. */
export async function readStatements(
  db: Database,
  input: { url: URL; acceptLanguage: string | null; principal: Principal; version: XapiVersion },
): Promise<Response> {
  const { principal, version } = input;
  const headers = consistentThrough();
  let parsed = parseStatementParams(input.url.searchParams);
  let cursor: PageCursor | undefined;
  if (parsed.kind === 'more') {
    const decoded = decodeMoreToken(parsed.token);
    if (!decoded)
      return xapiError(
        400,
        'The more token is not one this server issued; start the query again.',
        version,
        headers,
      );
    parsed = parseStatementParams(new URLSearchParams(decoded.params));
    cursor = decoded.cursor;
    if (parsed.kind !== 'query')
      return xapiError(400, 'The more token does not hold a query; start again.', version, headers);
  }
  if (parsed.kind === 'invalid') return xapiError(400, parsed.message, version, headers);
  const languages = parseAcceptLanguage(input.acceptLanguage);
  const format = (body: string, as: StatementFormat) => formatStatement(body, as, languages);

  if (parsed.kind === 'single') {
    const { request } = parsed;
    const found = await getStatement(db, request.id, request.isVoided);
    const isOwn = principal.kind === 'client' || found?.actorKey === principal.key;
    if (!found || !isOwn) {
      const which = request.isVoided ? 'No voided statement' : 'No statement (that is not voided)';
      return xapiError(404, `${which} has the id ${request.id}.`, version, headers);
    }
    const extra = { ...headers, 'Last-Modified': new Date(found.stored).toUTCString() };
    const body = format(found.body, request.format);
    return respond(db, body, [body], request.attachments, version, extra);
  }
  if (parsed.kind !== 'query') return xapiError(400, 'Unrecognised request.', version, headers);

  const { query, params } = parsed;
  if (principal.kind !== 'client') {
    const refusal = restrictQueryToLearner(query, params, principal.agent);
    if (refusal) return xapiError(403, refusal, version, headers);
  }
  const page = await queryStatements(db, query, cursor);
  const statements = page.bodies.map((body) => format(body, query.format));
  const more = page.next ? `/xapi/statements?more=${encodeMoreToken(params, page.next)}` : '';
  const json = `{"statements":[${statements.join(',')}],"more":${JSON.stringify(more)}}`;
  return respond(db, json, statements, query.attachments, version, headers);
}
