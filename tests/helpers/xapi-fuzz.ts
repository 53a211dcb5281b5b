import fc from 'fast-check';
import { isIri, isUuid, parseTimestamp } from '../../src/lib/server/learning-record/formats.ts';
import { makeStatement, mboxAgent } from './statements.ts';
import type { Credential, XapiRequestOptions } from './xapi.ts';

/** One generated request. */
export interface FuzzRequest {
  method: string;
  path: string;
  options: XapiRequestOptions;
}

const STATEMENT_KEYS = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
];
const text = fc.string({ maxLength: 40 });
const badIri = fc.oneof(
  text.filter((s) => !isIri(s)),
  fc.constantFrom('not an iri', 'http://a b', '://x', 'mailto'),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.double(),
);
const notUuid = text.filter((s) => !isUuid(s));
const notTimestamp = text.filter((s) => parseTimestamp(s) === null);
const unknownKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'Actor', 'verbs'),
  text.filter((k) => !STATEMENT_KEYS.includes(k)),
);

type Statement = Record<string, unknown>;
const set =
  (path: string[], value: unknown) =>
  (s: Statement): Statement => {
    const copy = structuredClone(s);
    let node: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {};
      node = node[key] as Record<string, unknown>;
    }
    const last = path.at(-1) as string;
    if (value === undefined) delete node[last];
    else
      Object.defineProperty(node, last, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  };

/** Changes that make a valid statement invalid, whatever the generated values. */
const mutation: fc.Arbitrary<(s: Statement) => Statement> = fc.oneof(
  fc.constantFrom('actor', 'verb', 'object').map((key) => set([key], undefined)),
  fc
    .tuple(fc.constantFrom('actor', 'verb', 'object', 'result', 'context'), wrongType)
    .map(([key, v]) => set([key], v)),
  badIri.map((v) => set(['verb', 'id'], v)),
  badIri.map((v) => set(['object', 'id'], v)),
  text.filter((v) => !/^mailto:[^@\s]+@[^@\s]+$/.test(v)).map((v) => set(['actor', 'mbox'], v)),
  fc.constant(set(['actor', 'openid'], 'https://id.example/two-ifis')),
  text
    .filter((v) => !['Activity', 'Agent', 'Group', 'StatementRef', 'SubStatement'].includes(v))
    .map((v) => set(['object', 'objectType'], v)),
  notUuid.map((v) => set(['id'], v)),
  notTimestamp.map((v) => set(['timestamp'], v)),
  fc
    .oneof(fc.double({ min: 1.000001, noNaN: true }), fc.double({ max: -1.000001, noNaN: true }))
    .map((v) => set(['result', 'score', 'scaled'], v)),
  text.filter((v) => !/^P/.test(v)).map((v) => set(['result', 'duration'], v)),
  notUuid.map((v) => set(['context', 'registration'], v)),
  text.filter((v) => !/^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/.test(v)).map((v) => set(['version'], v)),
  fc.tuple(unknownKey, fc.jsonValue()).map(([key, v]) => set([key], v)),
  badIri.map((key) => set(['result', 'extensions', key], 1)),
  fc.constant(set(['verb', 'display'], { 'not a tag!': 'x' })),
);

const statementBody = fc
  .tuple(mutation, fc.integer({ min: 0, max: 4 }), fc.nat())
  .map(([mutate, extra, at]) => {
    const batch = Array.from({ length: extra }, () => makeStatement());
    batch.splice(at % (extra + 1), 0, mutate(makeStatement()));
    return extra === 0 && at % 2 === 0 ? batch[0] : batch;
  });

/**
 * Requests that must all be refused (malformed JSON, wrong types, bad IRIs, unknown parameters,
 * hostile headers and methods, statements about someone else) or, for reads, answered without harm.
 */
export function hostileRequests(
  credential: Credential,
  learnerCookie: string,
): fc.Arbitrary<FuzzRequest> {
  const writes = fc.oneof(
    statementBody.map((body): FuzzRequest => ({
      method: 'POST',
      path: '/xapi/statements',
      options: { credential, body },
    })),
    fc.tuple(mutation, fc.boolean()).map(([mutate, sameId]): FuzzRequest => {
      const statement = mutate(makeStatement());
      const id =
        sameId && typeof statement['id'] === 'string' ? statement['id'] : crypto.randomUUID();
      return {
        method: 'PUT',
        path: `/xapi/statements?statementId=${encodeURIComponent(id)}`,
        options: { credential, body: statement },
      };
    }),
    notUuid.map((id): FuzzRequest => ({
      method: 'PUT',
      path: `/xapi/statements?statementId=${encodeURIComponent(id)}`,
      options: { credential, body: makeStatement({ id: undefined }) },
    })),
    fc
      .oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }))
      .map((raw): FuzzRequest => ({
        method: 'POST',
        path: '/xapi/statements',
        options: { credential, rawBody: raw },
      })),
    fc
      .jsonValue()
      .filter((v) => !(typeof v === 'object' && v !== null && !Array.isArray(v) && 'actor' in v))
      .map((body): FuzzRequest => ({
        method: 'POST',
        path: '/xapi/statements',
        options: { credential, body },
      })),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes): FuzzRequest => ({
      method: 'POST',
      path: '/xapi/statements',
      options: { credential, rawBody: Uint8Array.from([0x7b, 0xff, ...bytes]) },
    })),
    fc.integer({ min: 10, max: 50_000 }).map((depth): FuzzRequest => ({
      method: 'POST',
      path: '/xapi/statements',
      options: { credential, rawBody: '['.repeat(depth) + ']'.repeat(depth) },
    })),
    fc.tuple(unknownKey, text).map(([name, value]): FuzzRequest => ({
      method: 'POST',
      path: `/xapi/statements?${new URLSearchParams({ [name || 'x']: value })}`,
      options: { credential, body: makeStatement() },
    })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/mixed; boundary=x',
        '',
      )
      .map((type): FuzzRequest => ({
        method: 'POST',
        path: '/xapi/statements',
        options: { credential, body: makeStatement(), headers: { 'Content-Type': type } },
      })),
    fc
      .string({ unit: fc.constantFrom(...'0123456789.abc- '), maxLength: 8 })
      .filter((v) => !/^\s*(1\.0(\.\d+)?|2\.0(\.\d+)?)\s*$/.test(v))
      .map((version): FuzzRequest => ({
        method: 'POST',
        path: '/xapi/statements',
        options: { credential, body: makeStatement(), version },
      })),
    fc
      .string({ unit: fc.constantFrom(...'abcXYZ012:+/= '), maxLength: 30 })
      .map((auth): FuzzRequest => ({
        method: 'POST',
        path: '/xapi/statements',
        options: {
          body: makeStatement(),
          headers: { Authorization: auth.trim() ? `Basic ${auth.trim()}` : 'Bearer x' },
        },
      })),
    fc.constant<FuzzRequest>({
      method: 'POST',
      path: '/xapi/statements',
      options: { cookie: 'x', body: makeStatement(), headers: { Origin: 'https://evil.example' } },
    }),
    fc.constant(0).map((): FuzzRequest => ({
      method: 'POST',
      path: '/xapi/statements',
      options: { cookie: learnerCookie, body: makeStatement({ actor: mboxAgent('Someone Else') }) },
    })),
    fc.constantFrom('DELETE', 'PATCH', 'OPTIONS').map((method): FuzzRequest => ({
      method,
      path: '/xapi/statements',
      options: { credential, body: makeStatement() },
    })),
  );

  const reads = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          'agent',
          'verb',
          'activity',
          'registration',
          'since',
          'until',
          'limit',
          'ascending',
          'format',
          'related_agents',
          'statementId',
          'voidedStatementId',
          'more',
          'attachments',
        ),
        text,
      )
      .map(([name, value]): FuzzRequest => ({
        method: 'GET',
        path: `/xapi/statements?${new URLSearchParams({ [name]: value })}`,
        options: { credential },
      })),
    fc.tuple(unknownKey, text).map(([name, value]): FuzzRequest => ({
      method: 'GET',
      path: `/xapi/statements?${new URLSearchParams({ [name || 'x']: value })}`,
      options: { credential },
    })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((agent): FuzzRequest => ({
      method: 'GET',
      path: `/xapi/statements?agent=${encodeURIComponent(agent)}`,
      options: { credential },
    })),
  );
  return fc.oneof({ weight: 4, arbitrary: writes }, { weight: 1, arbitrary: reads });
}
