import { connect } from 'node:net';

/** One HTTP/1.1 request written byte for byte, so that it can be as malformed as a client likes. */
export interface RawRequest {
  method: string;
  /** The request target exactly as sent (a string is written as latin1, a Buffer as is). */
  target: string | Buffer;
  headers: [string, string | Buffer][];
  /** A body sent with Content-Length, or as chunks with Transfer-Encoding: chunked. */
  body?: Buffer | { chunks: Buffer[] };
}

/** What came back: the status (0 when the server closed without answering) and the start of the body. */
export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

const READ_LIMIT = 256 * 1024;

function encode(request: RawRequest): Buffer[] {
  const lines: Buffer[] = [
    Buffer.from(`${request.method} `, 'latin1'),
    typeof request.target === 'string' ? Buffer.from(request.target, 'latin1') : request.target,
    Buffer.from(' HTTP/1.1\r\n', 'latin1'),
  ];
  const hasConnection = request.headers.some(([name]) => name.toLowerCase() === 'connection');
  const headers = [...request.headers];
  if (!hasConnection) headers.push(['connection', 'close']);
  const { body } = request;
  if (Buffer.isBuffer(body)) headers.push(['content-length', String(body.length)]);
  else if (body) headers.push(['transfer-encoding', 'chunked']);
  for (const [name, value] of headers) {
    lines.push(Buffer.from(`${name}: `, 'latin1'), Buffer.from(value), Buffer.from('\r\n'));
  }
  lines.push(Buffer.from('\r\n'));
  // The head goes in one write, so a server that refuses it has read all of it.
  const head = Buffer.concat(lines.splice(0));
  lines.push(head);
  if (Buffer.isBuffer(body)) lines.push(body);
  else if (body) {
    for (const chunk of body.chunks) {
      lines.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
    }
    lines.push(Buffer.from('0\r\n\r\n'));
  }
  return lines;
}

/**
 * Sends one request on its own connection and reads the answer until the server closes it (or
 * 256 KiB arrived). A connection the server drops while the request is still being written counts
 * as an answer without a status.
 */
export function sendRaw(
  port: number,
  request: RawRequest,
  timeoutMs = 20_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let size = 0;
    const finish = (): void => {
      socket.destroy();
      clearTimeout(timer);
      let text = Buffer.concat(received).toString('latin1');
      // Interim answers (100 Continue, 103 Early Hints) come before the real one.
      while (/^HTTP\/1\.[01] 1(00|02|03) /.test(text) && text.includes('\r\n\r\n'))
        text = text.slice(text.indexOf('\r\n\r\n') + 4);
      const split = text.indexOf('\r\n\r\n');
      const head = split >= 0 ? text.slice(0, split) : text;
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split >= 0 ? text.slice(split + 4) : '' });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no answer within ${timeoutMs} ms to ${request.method} ${String(request.target).slice(0, 120)}`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      size += chunk.length;
      // An accepted WebSocket stays open: its status line is the whole answer.
      if (
        size >= READ_LIMIT ||
        /^HTTP\/1\.1 101 /.test(Buffer.concat(received).toString('latin1', 0, 16))
      )
        finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', () => finish());
    socket.on('connect', () => {
      const parts = encode(request);
      const pump = (): void => {
        while (parts.length) {
          const part = parts.shift()!;
          if (!socket.write(part)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
  });
}
