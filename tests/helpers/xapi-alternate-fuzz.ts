import fc from 'fast-check';
import { makeStatement } from './statements.ts';
import type { FuzzRequest } from './xapi-fuzz.ts';
import type { Credential } from './xapi.ts';

const PATHS = [
  '/xapi/statements',
  '/xapi/activities/state',
  '/xapi/activities/profile',
  '/xapi/agents/profile',
  '/xapi/activities',
  '/xapi/agents',
];
const FORM_NAMES = [
  'content',
  'Authorization',
  'authorization',
  'X-Experience-API-Version',
  'Content-Type',
  'Content-Length',
  'If-Match',
  'If-None-Match',
  'statementId',
  'activityId',
  'agent',
  'stateId',
  'profileId',
  'limit',
  'method',
  'x',
];
const text = fc.string({ maxLength: 40 });
const value = fc.oneof(
  text,
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('1.0.3', '2.0.0', '0.8', '', 'application/json', 'multipart/mixed', '*'),
  fc.constant('{"mbox":"mailto:fuzz@utility.example"}'),
  fc.constant('https://switchyard.example/activities/fuzz'),
  fc.jsonValue().map((json) => JSON.stringify(json)),
  fc.constant('\r\nX-Injected: yes'),
);

/**
 * Requests in xAPI 1.0.3's alternate syntax: any resource, any method in the query (or the HTTP
 * method wrong), extra query parameters, junk forms with headers, duplicate names, header values
 * that are not legal headers, statements as content, raw non-form bodies. None may get a 5xx.
 */
export function hostileAlternateRequests(credential: Credential): fc.Arbitrary<FuzzRequest> {
  const basic = `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`;
  const form = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...FORM_NAMES), value), { maxLength: 6 }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([pairs, withAuth, withStatement]) => {
      const search = new URLSearchParams(pairs);
      if (withAuth) search.set('Authorization', basic);
      if (withStatement) search.set('content', JSON.stringify(makeStatement()));
      return search.toString();
    });
  const body = fc.oneof(
    { weight: 4, arbitrary: form },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  );
  return fc
    .tuple(
      fc.constantFrom(...PATHS),
      fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'get', ''),
      fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'GET'),
      fc.constantFrom('', '', '&statementId=x', '&method=GET'),
      body,
      fc.constantFrom('application/x-www-form-urlencoded', 'application/json', ''),
      fc.constantFrom<string | null>('1.0.3', '1.0.3', '2.0.0', null),
    )
    .map(([path, method, http, extra, raw, type, version]): FuzzRequest => {
      const hasBody = http !== 'GET';
      return {
        method: http,
        path: `${path}?method=${encodeURIComponent(method)}${extra}`,
        options: {
          version,
          ...(hasBody ? { rawBody: raw } : {}),
          headers: hasBody ? { 'Content-Type': type } : {},
        },
      };
    });
}
