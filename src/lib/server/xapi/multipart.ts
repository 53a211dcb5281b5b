/** One part of a multipart/mixed body: lower-case header names and the raw content. */
export interface MultipartPart {
  headers: Map<string, string>;
  content: Buffer;
}

/** The boundary parameter of a multipart Content-Type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function parseHeaders(block: string): Map<string, string> | null {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Splits an RFC 2046 multipart body into its parts, or says what is malformed. */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): { ok: true; parts: MultipartPart[] } | { ok: false; message: string } {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return { ok: false, message: 'multipart/mixed needs a boundary parameter.' };
  // With a CRLF in front, every delimiter (the first included) is CRLF "--" boundary.
  const data = Buffer.concat([CRLF, body]);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let at = data.indexOf(delimiter);
  if (at < 0) return { ok: false, message: 'The multipart body holds no part with its boundary.' };
  const parts: MultipartPart[] = [];
  for (;;) {
    let cursor = at + delimiter.length;
    if (data.subarray(cursor, cursor + 2).toString() === '--') return { ok: true, parts };
    while (data[cursor] === 0x20 || data[cursor] === 0x09) cursor += 1;
    if (!data.subarray(cursor, cursor + 2).equals(CRLF)) {
      return { ok: false, message: 'A multipart boundary line is not followed by a line break.' };
    }
    const headerStart = cursor + 2;
    const next = data.indexOf(delimiter, headerStart);
    if (next < 0)
      return { ok: false, message: 'The multipart body does not end with its closing boundary.' };
    const segment = data.subarray(headerStart, next);
    const headerEnd = segment.subarray(0, 2).equals(CRLF) ? 0 : segment.indexOf(HEADER_END);
    if (headerEnd < 0)
      return { ok: false, message: 'A multipart part has no blank line after its headers.' };
    const headers = parseHeaders(segment.subarray(0, headerEnd).toString('utf8'));
    if (!headers) return { ok: false, message: 'A multipart part has a malformed header line.' };
    const contentStart = headerEnd === 0 ? 2 : headerEnd + HEADER_END.length;
    parts.push({ headers, content: Buffer.from(segment.subarray(contentStart)) });
    at = next;
  }
}

/** Builds a multipart/mixed body from parts (headers as given) with a fresh boundary. */
export function buildMultipart(parts: { headers: Record<string, string>; content: Uint8Array }[]): {
  body: Buffer;
  contentType: string;
} {
  const boundary = `xapi-${crypto.randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), Buffer.from(part.content), CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}
