import type { Database } from '../../../../db/client.ts';
import { formatStatement, parseAcceptLanguage } from '../learning-record/format.ts';
import { decodeMoreToken, encodeMoreToken } from '../learning-record/more-token.ts';
import { parseStatementParams, type StatementFormat } from '../learning-record/query-params.ts';
import { getStatement, queryStatements, type PageCursor } from '../learning-record/query.ts';
import type { XapiVersion } from '../learning-record/validate.ts';
import { restrictQueryToLearner } from './learner-policy.ts';
import type { Principal } from './principal.ts';
import { consistentThrough, xapiError, xapiHeaders, xapiJson } from './protocol.ts';

/** Wraps JSON in the multipart/mixed form asked for by attachments=true (no attachment data kept). */
function multipart(json: string, version: XapiVersion, extra: Record<string, string>): Response {
  const boundary = `xapi-${crypto.randomUUID()}`;
  const body = `--${boundary}\r\nContent-Type: application/json\r\n\r\n${json}\r\n--${boundary}--\r\n`;
  const headers = xapiHeaders(version, {
    'Content-Type': `multipart/mixed; boundary=${boundary}`,
    ...extra,
  });
  return new Response(body, { status: 200, headers });
}

function respond(
  json: string,
  attachments: boolean,
  version: XapiVersion,
  extra: Record<string, string>,
) {
  return attachments ? multipart(json, version, extra) : xapiJson(200, json, version, extra);
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
    return respond(format(found.body, request.format), request.attachments, version, extra);
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
  return respond(json, query.attachments, version, headers);
}
