// Lab data downloads without signing in: 10 distinct combinations requested at once (every one
// the labs use, gzipped and not, plus combinations no lab uses) while /healthz is probed. The files
// are built with the server, so the figures are of serving, not building (target: /healthz < 1 s).
// Run: npm run bench -- datasets
import { labCombinations, labDataKey } from '../../src/lib/server/labs/lab-data-files.ts';
import { startServer } from '../helpers/server.ts';
import { probeHealth, residentMb } from './server-probe.ts';

const server = await startServer();
try {
  const used = labCombinations().map(labDataKey);
  const unused = ['pv-plant+scada-week', 'alarm-log+ot-capture', 'asset-register'];
  const segments = [...used, ...unused].slice(0, Math.max(10, used.length));
  const rssBefore = residentMb(server.pid());
  const probe = probeHealth(server.url, 20);
  const started = performance.now();
  let bytes = 0;
  const statuses = new Map<number, number>();
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      segments.map(async (segment, index) => {
        const response = await fetch(`${server.url}/api/labs/datasets/${segment}`, {
          headers: { 'accept-encoding': index % 2 ? 'identity' : 'gzip' },
        });
        bytes += (await response.arrayBuffer()).byteLength;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }),
    );
  }
  const elapsed = performance.now() - started;
  const health = await probe.stop();
  console.log(
    `${segments.length} distinct combinations x 3 rounds, anonymous: ${elapsed.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB sent`,
  );
  console.log(`statuses: ${[...statuses].map(([status, n]) => `${status}x${n}`).join(' ')}`);
  console.log(
    `/healthz during the downloads: ${health.count} probes, max ${health.maxMs.toFixed(0)} ms, ${health.failures} failures (target < 1000 ms)`,
  );
  console.log(
    `server resident memory: ${rssBefore.toFixed(0)} MB before, ${residentMb(server.pid()).toFixed(0)} MB after`,
  );
} finally {
  await server.dispose();
}
