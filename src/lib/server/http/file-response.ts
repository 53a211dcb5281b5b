import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** A 200 that streams a file from disk, so a large file is never held whole in memory. */
export function streamFile(path: string, headers: Headers): Response {
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(stream, { status: 200, headers });
}
