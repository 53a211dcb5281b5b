import { randomBytes } from 'node:crypto';
import { bodyLimitFor } from '../../src/lib/server/http/body-limits.ts';
import type { RawRequest } from './raw-http.ts';

/** Who sends a request: nobody, a person with a role (session cookie) or an xAPI credential. */
export type Sender = 'anonymous' | 'learner' | 'manager' | 'admin' | 'xapi' | 'launch';

/** One address of a route family, with the body it normally takes. */
export interface Target {
  family: string;
  method: string;
  path: string;
  body?: 'form' | 'json' | 'xml' | 'zip' | 'multipart' | 'document';
  /** Who may use it; the suite also sends it as each other sender. */
  senders: Sender[];
  /** A WebSocket upgrade rather than an ordinary request. */
  isUpgrade?: boolean;
}

/** Credentials of the seeded people and xAPI clients, as header values. */
export interface Credentials {
  cookies: Record<'learner' | 'manager' | 'admin', string>;
  basic: Record<'xapi' | 'launch', string>;
  origin: string;
  host: string;
}

/** One hostile request, named after what it tries. */
export interface HostileCase {
  family: string;
  name: string;
  request: RawRequest;
  /** True when the request is malformed or oversized enough that the server may just hang up. */
  mayClose: boolean;
}

const CONTROL = ['%00', '%01', '%07', '%08', '%09', '%0a', '%0d', '%1b', '%7f', '%c0%80', '%ff'];
/** Every query parameter some route reads, and the xAPI ones. */
export const QUERY_PARAMETERS = [
  'next',
  'q',
  'page',
  'view',
  'type',
  'token',
  'state',
  'code',
  'error',
  'attempt',
  'before',
  'notice',
  'saved',
  'created',
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'activityId',
  'registration',
  'stateId',
  'profileId',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'related_activities',
  'method',
  'fetch',
  'endpoint',
  'actor',
];

const JSON_BODIES: [string, Buffer][] = [
  ['malformed JSON', Buffer.from('{"query": "SELECT 1", ')],
  ['JSON of the wrong shape', Buffer.from('[1, "two", null, {"query": 3}]')],
  [
    'prototype keys',
    Buffer.from(
      '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"isAdmin": true}}}',
    ),
  ],
  ['deeply nested JSON', Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)],
  [
    'bad UTF-8 in JSON',
    Buffer.concat([
      Buffer.from('{"query": "SELECT \''),
      Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
      Buffer.from('\'"}'),
    ]),
  ],
  [
    'huge numbers',
    Buffer.from('{"id": 1e999999, "score": -1e400, "n": 123456789012345678901234567890}'),
  ],
  ['empty body', Buffer.alloc(0)],
  ['a NUL byte body', Buffer.from([0, 0, 0, 0])],
];

function authHeaders(sender: Sender, credentials: Credentials): [string, string][] {
  if (sender === 'anonymous') return [];
  if (sender === 'xapi' || sender === 'launch')
    return [['authorization', credentials.basic[sender]]];
  return [['cookie', `switchyard_session=${credentials.cookies[sender]}`]];
}

function contentType(body: Target['body']): string {
  switch (body) {
    case 'json':
    case 'document':
      return 'application/json';
    case 'xml':
      return 'application/xml';
    case 'zip':
      return 'application/zip';
    case 'multipart':
      return 'multipart/mixed; boundary=hostile';
    default:
      return 'application/x-www-form-urlencoded';
  }
}

function plainBody(body: Target['body']): Buffer {
  switch (body) {
    case 'json':
    case 'document':
      // Every field of the wrong type: no route can take it, so it must change nothing.
      return Buffer.from('{"query":5,"actions":"none","reason":7,"actor":[],"objectType":9}');
    case 'xml':
      return Buffer.from('<courseStructure><course id="x"><title>');
    case 'zip':
      return Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(200)]);
    case 'multipart':
      return Buffer.from(
        '--hostile\r\nContent-Type: application/json\r\n\r\n{"x":\r\n--hostile--\r\n',
      );
    default:
      return Buffer.from('email=nobody%40utility.example&password=x&name=%ff');
  }
}

/** A random query string of parameters no route reads, with control characters in the values. */
function randomQuery(): string {
  const pairs = Array.from({ length: 1 + (randomBytes(1)[0]! % 6) }, () => {
    const name = randomBytes(3).toString('hex');
    const value = CONTROL[randomBytes(1)[0]! % CONTROL.length]!;
    return `${name}=${value}${randomBytes(4).toString('base64url')}`;
  });
  return pairs.join('&');
}

/**
 * The hostile variations of one target sent by one sender: all of them for the target's first
 * sender, every eighth for the others (enough to see each role's answer without repeating all).
 */
export function hostileCases(
  target: Target,
  sender: Sender,
  credentials: Credentials,
): HostileCase[] {
  const cases = allCases(target, sender, credentials);
  return sender === target.senders[0] ? cases : cases.filter((_, index) => index % 8 === 0);
}

function allCases(target: Target, sender: Sender, credentials: Credentials): HostileCase[] {
  const { family, method, path } = target;
  const auth = authHeaders(sender, credentials);
  const host: [string, string] = ['host', credentials.host];
  const sameOrigin: [string, string] = ['origin', credentials.origin];
  const isWrite = !['GET', 'HEAD'].includes(method);
  const base = (extra: [string, string | Buffer][] = []): [string, string | Buffer][] => [
    host,
    ...auth,
    // Browsers send Origin on writes and on every WebSocket upgrade.
    ...(isWrite || target.isUpgrade ? [sameOrigin] : []),
    ...(target.body ? [['content-type', contentType(target.body)] as [string, string]] : []),
    ...extra,
  ];
  const upgrade: [string, string][] = target.isUpgrade
    ? [
        ['connection', 'Upgrade'],
        ['upgrade', 'websocket'],
        ['sec-websocket-version', '13'],
        ['sec-websocket-key', randomBytes(16).toString('base64')],
      ]
    : [];
  const body = target.body ? plainBody(target.body) : undefined;
  const make = (
    name: string,
    request: Partial<Omit<RawRequest, 'body'>> & {
      headers?: [string, string | Buffer][];
      /** undefined: send no body at all. */
      body?: RawRequest['body'] | undefined;
    },
    mayClose = false,
  ): HostileCase => ({
    family,
    name: `${sender} ${method} ${path}: ${name}`,
    mayClose,
    request: {
      method: request.method ?? method,
      target: request.target ?? path,
      headers: [...(request.headers ?? base()), ...upgrade],
      ...(Object.hasOwn(request, 'body')
        ? request.body
          ? { body: request.body }
          : {}
        : body
          ? { body }
          : {}),
    },
  });
  const allParameters = QUERY_PARAMETERS.map(
    (name, i) => `${name}=${CONTROL[i % CONTROL.length]}x${CONTROL[(i + 3) % CONTROL.length]}`,
  ).join('&');
  const cases: HostileCase[] = [
    make('as sent', {}),
    make('random query parameters', { target: `${path}?${randomQuery()}` }),
    make('control characters in every known parameter', { target: `${path}?${allParameters}` }),
    make('broken percent-encoding', { target: `${path}?next=%zz%&q=%&page=%%32&state=%u0041` }),
    make('off-site next values', {
      target: `${path}?next=/%09/evil.example&next=%2F%2Fevil.example&next=/\\evil.example`,
    }),
    make(
      'bad UTF-8 bytes in the path',
      {
        target: Buffer.concat([Buffer.from(path, 'latin1'), Buffer.from([0xff, 0xfe, 0x80])]),
      },
      true,
    ),
    make('broken percent-encoding in the path', { target: `${path}/%E0%A4%A/%zz%` }),
    make('path traversal', { target: `${path}/../../../../etc/passwd` }),
    make('encoded path traversal', {
      target: `${path}/%2e%2e%2f%2e%2e%2f..%5c..%5cpackage.json%00`,
    }),
    make('a 2,000-character parameter', { target: `${path}?q=${'%ff'.repeat(700)}` }),
    make('200 repeated parameters', { target: `${path}?${'page=-1&'.repeat(200)}` }),
    make('a huge header', { headers: base([['x-filler', 'a'.repeat(70_000)]]) }, true),
    make('a long cookie of garbage', {
      headers: [...base(), ['cookie', `switchyard_session=${'%ff'.repeat(2_000)}; a="b`]],
    }),
    make('a malformed session cookie', {
      headers: [
        host,
        sameOrigin,
        ['cookie', 'switchyard_session=%E0%A4%A; switchyard_session="\\x00"'],
      ],
    }),
    make('a forged Host', { headers: [['host', 'evil.example'], ...base().slice(1)] }),
    make('no Host', { headers: base().slice(1) }, true),
    make(
      'odd caching and range headers',
      {
        headers: base([
          ['if-none-match', '"\u0001", W/"", *, "'],
          ['range', 'bytes=99999999-0,-,a-b'],
          ['accept-encoding', 'gzip;q=nan, br;q=-1, *;q=2'],
          ['accept', '*/*;q=abc, text/html;level=\u0001'],
        ]),
      },
      true,
    ),
    make('a garbage Authorization', {
      headers: base([
        ['authorization', `Basic ${Buffer.from('no-colon-\u00ff').toString('base64')}%`],
      ]),
    }),
    make(
      'a garbage xAPI version',
      {
        headers: base([
          ['x-experience-api-version', '9.9.9\u0001'],
          ['x-http-method-override', 'DELETE'],
          ['expect', '100-continue'],
        ]),
      },
      true,
    ),
    make(
      'a bad UTF-8 header value',
      {
        headers: base([
          ['x-name', Buffer.from([0xff, 0xfe, 0xc3, 0x28])],
          ['referer', Buffer.from([0xe2, 0x82])],
        ]),
      },
      true,
    ),
  ];
  for (const wrong of [method === 'DELETE' ? 'PATCH' : 'DELETE', 'TRACE']) {
    cases.push(
      make(`wrong method ${wrong}`, {
        method: wrong,
        headers: base([['origin', credentials.origin]]),
      }),
    );
  }
  if (!isWrite) return cases;
  // Writes: bodies, types, sizes and origins.
  const { limit } = bodyLimitFor(path);
  const oversize = Math.min(limit + 64 * 1024, 6 * 1024 * 1024);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  cases.push(
    make('a foreign Origin', {
      headers: [
        host,
        ...auth,
        ['origin', 'https://evil.example'],
        ...base().slice(auth.length + 2),
      ],
    }),
    make('Origin null', { headers: [host, ...auth, ['origin', 'null']] }),
    make('no Origin, a foreign Referer', {
      headers: [host, ...auth, ['referer', 'https://evil.example/x']],
    }),
    make('a wrong content type', {
      headers: [host, ...auth, sameOrigin, ['content-type', 'text/plain; charset=utf-7']],
    }),
    make('multipart without a boundary', {
      headers: [host, ...auth, sameOrigin, ['content-type', 'multipart/form-data']],
    }),
    make('truncated multipart', {
      headers: [host, ...auth, sameOrigin, ['content-type', 'multipart/form-data; boundary=b']],
      body: Buffer.from(
        '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@y\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="../../x"\r\n',
      ),
    }),
    make('form with broken encoding', {
      headers: [host, ...auth, sameOrigin, ['content-type', 'application/x-www-form-urlencoded']],
      body: Buffer.from(`email=%zz&password=%ff%fe&next=%0a//evil&${'k=v&'.repeat(2_000)}`),
    }),
    make(
      'a declared 100 MB body',
      {
        headers: base([['content-length', String(100 * 1024 * 1024)]]),
        body: undefined,
      },
      true,
    ),
    make(
      `a chunked body over the ${Math.round(limit / 1024)} KB limit`,
      {
        body: { chunks: Array.from({ length: Math.ceil(oversize / chunk.length) }, () => chunk) },
      },
      true,
    ),
    ...(target.body === 'form' || target.body === 'zip' || target.body === 'xml'
      ? JSON_BODIES.slice(0, 1).concat(JSON_BODIES.slice(4, 5))
      : JSON_BODIES
    ).map(([name, json]) =>
      make(name, {
        headers: [host, ...auth, sameOrigin, ['content-type', 'application/json']],
        body: json,
      }),
    ),
  );
  return cases;
}
