// Oversized bodies before sign-in: four concurrent 100 MB chunked posts to /login while /healthz is
// probed and the server's resident memory sampled (targets: /healthz < 1 s, growth < 150 MB, each
// post refused with 413 or a closed connection).
// Run: npm run bench -- body-limits
import { request as httpRequest } from 'node:http';
import { startServer } from '../helpers/server.ts';
import { probeHealth, residentMb } from './server-probe.ts';

const TOTAL = 100 * 1024 * 1024;

/** Streams `TOTAL` bytes as a chunked form; resolves with the status, or 'closed'. */
function chunkedPost(url: string): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const request = httpRequest(new URL('/login', url), {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'transfer-encoding': 'chunked',
        origin: url,
      },
    });
    let settled = false;
    const settle = (value: number | 'closed'): void => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve(value);
    };
    request.on('response', (response) => {
      response.resume();
      settle(response.statusCode ?? 0);
    });
    request.on('error', () => settle('closed'));
    const chunk = Buffer.alloc(256 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < TOTAL && !settled) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!settled) request.end();
    };
    pump();
  });
}

const server = await startServer();
try {
  const before = residentMb(server.pid());
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentMb(server.pid()))), 50);
  const probe = probeHealth(server.url, 100);
  const started = performance.now();
  const outcomes = await Promise.all([1, 2, 3, 4].map(() => chunkedPost(server.url)));
  const elapsed = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const health = await probe.stop();
  clearInterval(sampler);
  console.log(
    `4 concurrent 100 MB chunked posts to /login: ${outcomes.join(', ')} in ${elapsed.toFixed(0)} ms`,
  );
  console.log(
    `/healthz meanwhile: ${health.count} probes, max ${health.maxMs.toFixed(0)} ms, ${health.failures} failures (target < 1000 ms)`,
  );
  console.log(
    `server resident memory: ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, growth ${(peak - before).toFixed(0)} MB (target < 150 MB)`,
  );
} finally {
  await server.dispose();
}
