import fc from 'fast-check';
import type { FuzzRequest } from './xapi-fuzz.ts';
import type { Credential } from './xapi.ts';

const PATHS = ['/xapi/activities/state', '/xapi/activities/profile', '/xapi/agents/profile'];
const PARAM_NAMES = ['activityId', 'agent', 'registration', 'stateId', 'profileId', 'since'];
/** The parameters each resource takes, to keep well-formed addresses well formed. */
const ALLOWED: Record<string, string[]> = {
  '/xapi/activities/state': ['activityId', 'agent', 'registration', 'stateId'],
  '/xapi/activities/profile': ['activityId', 'profileId'],
  '/xapi/agents/profile': ['agent', 'profileId'],
};
const text = fc.string({ maxLength: 40 });
const goodAgent = JSON.stringify({ mbox: 'mailto:fuzz@utility.example' });
const agentValue = fc.oneof(
  fc.constant(goodAgent),
  text,
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '{"mbox":"mailto:a@b.example","openid":"https://id.example/x"}',
    '{"objectType":"Group","member":[]}',
    '{"account":{"homePage":"not an irl","name":""}}',
    '{"__proto__":{"mbox":"mailto:a@b.example"}}',
  ),
);
const paramValue = fc.oneof(
  text,
  fc.constant('https://switchyard.example/activities/fuzz'),
  fc.uuid().map((id) => id),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
const randomParams = fc
  .array(fc.tuple(fc.constantFrom(...PARAM_NAMES, 'x', 'STATEID', 'method'), paramValue), {
    maxLength: 5,
  })
  .chain((pairs) =>
    agentValue.map((agent) => {
      const search = new URLSearchParams(pairs);
      if (pairs.length % 2 === 0) search.set('agent', agent);
      return search;
    }),
  );
/** Well-formed addresses (a few documents, so writes collide, merge and meet preconditions). */
const validParams = fc
  .tuple(fc.constantFrom('a', 'b'), fc.constantFrom('one', 'two'), fc.boolean())
  .map(([activity, id, registered]) => {
    const search = new URLSearchParams({
      activityId: `https://switchyard.example/activities/${activity}`,
      agent: goodAgent,
      stateId: id,
      profileId: id,
      valid: 'yes',
    });
    if (registered) search.set('registration', '6f1d9a52-9b0e-4c1e-8f6a-1c2b3d4e5f60');
    return search;
  });
const params = fc.oneof(randomParams, validParams);
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('{', '[]', '{"a":', '\u0000', ''),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  'multipart/mixed; boundary=x',
  '',
);
const preconditionHeaders = fc.oneof(
  fc.constant({}),
  text.map((tag) => ({ 'If-Match': tag })),
  text.map((tag) => ({ 'If-None-Match': tag })),
  fc.constant({ 'If-Match': '*' }),
  fc.constant({ 'If-None-Match': '*' }),
  fc.constant({ 'If-Match': 'W/"abc", "def"' }),
);

/**
 * Requests against the document resources: any method, any mix of parameters (valid, malformed,
 * unknown, in the wrong case), any body and content type, junk preconditions, a learner writing
 * about someone else, cookies from another origin. None may get a 5xx.
 */
export function hostileDocumentRequests(
  credential: Credential,
  learnerCookie: string,
): fc.Arbitrary<FuzzRequest> {
  const caller = fc.constantFrom<'credential' | 'learner' | 'cross-site'>(
    'credential',
    'credential',
    'learner',
    'cross-site',
  );
  return fc
    .tuple(
      fc.constantFrom(...PATHS),
      fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'),
      params,
      body,
      contentType,
      preconditionHeaders,
      caller,
    )
    .map(([path, method, search, raw, type, headers, who]): FuzzRequest => {
      const hasBody = method === 'PUT' || method === 'POST';
      if (search.get('valid') === 'yes') {
        search.delete('valid');
        const keep = ALLOWED[path] ?? [];
        for (const name of [...search.keys()]) if (!keep.includes(name)) search.delete(name);
      }
      const auth = who === 'credential' ? { credential } : { cookie: learnerCookie };
      return {
        method,
        path: `${path}?${search}`,
        options: {
          ...auth,
          ...(hasBody ? { rawBody: raw } : {}),
          headers: {
            ...headers,
            ...(hasBody ? { 'Content-Type': type } : {}),
            ...(who === 'cross-site' ? { Origin: 'https://evil.example' } : {}),
          },
        },
      };
    });
}

/** Malformed and mismatched multipart/mixed statement requests (boundaries, parts, hashes). */
export function hostileMultipartRequests(credential: Credential): fc.Arbitrary<FuzzRequest> {
  const part = fc.record({
    headers: fc.array(
      fc.tuple(
        fc.constantFrom('Content-Type', 'X-Experience-API-Hash', 'Content-Transfer-Encoding', 'X'),
        fc.oneof(
          text,
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
        ),
      ),
      { maxLength: 4 },
    ),
    data: fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
  });
  return fc
    .tuple(
      fc.constantFrom('b1', "abc'()+_,-./:=?", ''),
      fc.array(part, { maxLength: 4 }),
      fc.boolean(),
    )
    .map(([boundary, parts, closed]): FuzzRequest => {
      const body =
        parts
          .map(
            (p) =>
              `--${boundary}\r\n${p.headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${p.data}\r\n`,
          )
          .join('') + (closed ? `--${boundary}--\r\n` : '');
      return {
        method: 'POST',
        path: '/xapi/statements',
        options: {
          credential,
          rawBody: body,
          headers: { 'Content-Type': `multipart/mixed; boundary="${boundary}"` },
        },
      };
    });
}
