import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { parseMultipart } from '../../../src/lib/server/xapi/multipart.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { makeStatement } from '../../helpers/statements.ts';
import { addCredential, xapiFetch, type Credential } from '../../helpers/xapi.ts';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
let server: TestServer;
let db: Database;
let all: Credential;
let keyDir: string;
let certificate: string;

/** A multipart/mixed statement request built by hand: the JSON part, then raw data parts. */
function multipartBody(
  statements: unknown,
  parts: { data: Uint8Array; sha2?: string; type?: string; encoding?: string }[],
) {
  const boundary = "abcABC0123'()+_,-./:=?";
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statements)}\r\n`,
    ),
  ];
  for (const part of parts) {
    const sha2 = part.sha2 ?? createHash('sha256').update(part.data).digest('hex');
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${part.type ?? 'application/octet-stream'}\r\n` +
          `Content-Transfer-Encoding: ${part.encoding ?? 'binary'}\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`,
      ),
      Buffer.from(part.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary="${boundary}"` };
}

function attachmentFor(
  data: Uint8Array,
  usageType = 'https://switchyard.example/attachments/photo',
) {
  return {
    usageType,
    display: { 'en-US': 'evidence' },
    contentType: usageType === SIGNATURE ? 'application/octet-stream' : 'image/png',
    length: data.byteLength,
    sha2: createHash('sha256').update(data).digest('hex'),
  };
}

const post = (body: Buffer, contentType: string, version = '2.0.0') =>
  xapiFetch(server.url, 'POST', '/xapi/statements', {
    credential: all,
    rawBody: body,
    version,
    headers: { 'Content-Type': contentType },
  });

const countRows = async (table: string) =>
  Number((await db.$client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.['n']);

beforeAll(async () => {
  server = await startServer();
  db = await openDatabase({ url: server.databaseUrl });
  all = addCredential(server.databaseUrl, 'all');
  keyDir = mkdtempSync(join(tmpdir(), 'switchyard-signing-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Switchyard test signer',
      '-keyout',
      join(keyDir, 'key.pem'),
      '-out',
      join(keyDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  certificate = readFileSync(join(keyDir, 'cert.pem'), 'utf8').replace(
    /-----(BEGIN|END) CERTIFICATE-----|\s/g,
    '',
  );
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

async function sign(
  statement: unknown,
  options: { alg?: string; x5c?: boolean } = {},
): Promise<string> {
  const alg = options.alg ?? 'RS256';
  const key =
    alg === 'HS256'
      ? new TextEncoder().encode('a shared secret that is long enough for HS256')
      : ((await jose.importPKCS8(readFileSync(join(keyDir, 'key.pem'), 'utf8'), alg)) as CryptoKey);
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(statement)))
    .setProtectedHeader({ alg, ...(options.x5c === false ? {} : { x5c: [certificate] }) })
    .sign(key);
}

/** A statement with a signature attachment over `signed` (default: the statement itself). */
async function signedRequest(
  options: {
    alg?: string;
    x5c?: boolean;
    signed?: Record<string, unknown>;
    statement?: Record<string, unknown>;
  } = {},
) {
  const statement = options.statement ?? makeStatement();
  const jws = await sign(options.signed ?? statement, options);
  const data = Buffer.from(jws);
  const withSignature = { ...statement, attachments: [attachmentFor(data, SIGNATURE)] };
  return { statement: withSignature, jws, ...multipartBody(withSignature, [{ data }]) };
}

describe.each(['1.0.3', '2.0.0'])('attachments, xAPI %s', (version) => {
  test('"an LRS MUST accept batches of Statements that contain Attachments in the Transmission Format", and a GET with attachments=true returns the data byte for byte', async () => {
    const data = randomBytes(70_000);
    data[10] = 0x0d;
    data[11] = 0x0a; // a CRLF inside the data must survive
    const statement = makeStatement({ attachments: [attachmentFor(data)] });
    const { body, contentType } = multipartBody(statement, [{ data, type: 'image/png' }]);
    const stored = await post(body, contentType, version);
    expect(stored.status, await stored.clone().text()).toBe(200);
    const id = statement['id'] as string;
    const plain = await xapiFetch(server.url, 'GET', `/xapi/statements?statementId=${id}`, {
      credential: all,
      version,
    });
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    const response = await xapiFetch(
      server.url,
      'GET',
      `/xapi/statements?statementId=${id}&attachments=true`,
      { credential: all, version },
    );
    expect(response.status).toBe(200);
    const type = response.headers.get('content-type') ?? '';
    expect(type).toMatch(/^multipart\/mixed; boundary=/);
    const raw = Buffer.from(await response.arrayBuffer());
    const parsed = parseMultipart(raw, type);
    if (!parsed.ok) throw new Error(parsed.message);
    const [json, part] = parsed.parts;
    expect(JSON.parse(json?.content.toString() ?? '{}').id).toBe(id);
    expect(part?.headers.get('x-experience-api-hash')).toBe(attachmentFor(data).sha2);
    expect(part?.headers.get('content-transfer-encoding')).toBe('binary');
    expect(part?.content.equals(data)).toBe(true);
  });

  test('"MUST reject batches of Statements having Attachments that neither contain a fileUrl nor match a received Attachment part based on their hash"; a part whose data does not match its hash is a 400', async () => {
    const before = await countRows('statements');
    const data = randomBytes(500);
    const unmatched = makeStatement({ attachments: [attachmentFor(data)] });
    const noPart = multipartBody(unmatched, []);
    expect((await post(noPart.body, noPart.contentType, version)).status).toBe(400);
    const wrongHash = multipartBody(unmatched, [
      { data, sha2: createHash('sha256').update('other').digest('hex') },
    ]);
    expect((await post(wrongHash.body, wrongHash.contentType, version)).status).toBe(400);
    const tampered = Buffer.from(data);
    tampered[0] = (tampered[0] ?? 0) ^ 0xff;
    const altered = multipartBody(unmatched, [{ data: tampered, sha2: attachmentFor(data).sha2 }]);
    expect((await post(altered.body, altered.contentType, version)).status).toBe(400);
    const base64 = multipartBody(unmatched, [{ data, encoding: 'base64' }]);
    expect((await post(base64.body, base64.contentType, version)).status).toBe(400);
    const stray = multipartBody(makeStatement(), [{ data }]);
    expect((await post(stray.body, stray.contentType, version)).status).toBe(400);
    expect(await countRows('statements')).toBe(before);
  });

  test('attachment data used by several statements is stored once by its hash', async () => {
    const data = randomBytes(2000);
    const batch = [
      makeStatement({ attachments: [attachmentFor(data)] }),
      makeStatement({ attachments: [attachmentFor(data)] }),
    ];
    const { body, contentType } = multipartBody(batch, [{ data }]);
    expect((await post(body, contentType, version)).status).toBe(200);
    const rows = await db.$client.execute({
      sql: 'SELECT count(*) AS n FROM xapi_attachments WHERE sha2 = ?',
      args: [attachmentFor(data).sha2],
    });
    expect(Number(rows.rows[0]?.['n'])).toBe(1);
  });

  test('a signed statement whose JWS (RS256 with an x5c certificate) verifies and whose payload is the statement is stored', async () => {
    const { body, contentType } = await signedRequest();
    const response = await post(body, contentType, version);
    expect(response.status, await response.clone().text()).toBe(200);
  });

  test.each(['RS384', 'RS512'])(
    'a statement signed with %s (no x5c, which is optional) is stored',
    async (alg) => {
      const { body, contentType } = await signedRequest({ alg, x5c: false });
      expect((await post(body, contentType, version)).status).toBe(200);
    },
  );

  test('"The LRS MUST reject requests to store Statements that contain malformed signatures": one altered byte in the statement or in the signature gets 400', async () => {
    const before = await countRows('statements');
    const original = await signedRequest();
    const text = original.body.toString('latin1');
    const mbox = text.indexOf('ada.operator@');
    const alteredStatement = Buffer.from(
      text.slice(0, mbox) + 'b' + text.slice(mbox + 1),
      'latin1',
    );
    const response = await post(alteredStatement, original.contentType, version);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/signature/);

    const jws = original.jws;
    const at = jws.length - 10;
    const flipped = jws.slice(0, at) + (jws[at] === 'A' ? 'B' : 'A') + jws.slice(at + 1);
    const alteredSignature = multipartBody(
      { ...original.statement, attachments: [attachmentFor(Buffer.from(flipped), SIGNATURE)] },
      [{ data: Buffer.from(flipped) }],
    );
    expect((await post(alteredSignature.body, alteredSignature.contentType, version)).status).toBe(
      400,
    );
    expect(await countRows('statements')).toBe(before);
  });

  test('a signature made with an algorithm other than RS256, RS384 or RS512 is a 400', async () => {
    const { body, contentType } = await signedRequest({ alg: 'HS256', x5c: false });
    expect((await post(body, contentType, version)).status).toBe(400);
  });

  test("the signed statement's duration is compared truncated to hundredths of a second", async () => {
    const statement = makeStatement({ result: { duration: 'PT1M2.345S' } });
    const signed = { ...statement, result: { duration: 'PT1M2.34S' } };
    const { body, contentType } = await signedRequest({ statement, signed });
    expect((await post(body, contentType, version)).status).toBe(200);
    const different = makeStatement({ result: { duration: 'PT1M2.345S' } });
    const other = await signedRequest({
      statement: different,
      signed: { ...different, result: { duration: 'PT1M2.35S' } },
    });
    expect((await post(other.body, other.contentType, version)).status).toBe(400);
  });
});

test('a statement request larger than the declared 16 MiB limit is refused with 413', async () => {
  const data = Buffer.alloc(17 * 1024 * 1024, 1);
  const { body, contentType } = multipartBody(
    makeStatement({ attachments: [attachmentFor(data)] }),
    [{ data }],
  );
  // The whole size is declared but only its first MiB is sent: the server must answer from the
  // declaration, and the client is not still writing when the refused connection closes.
  const status = await new Promise<number>((resolve, reject) => {
    const request = httpRequest(`${server.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        'Content-Length': String(body.length),
        'X-Experience-API-Version': '2.0.0',
        Authorization: `Basic ${Buffer.from(`${all.key}:${all.secret}`).toString('base64')}`,
      },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', reject);
    request.write(body.subarray(0, 1024 * 1024));
  });
  expect(status).toBe(413);
});
