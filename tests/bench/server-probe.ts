// Probes for benchmarks against a running server: /healthz latency while load runs, and the
// server process's resident memory.
import { readFileSync } from 'node:fs';

/** Resident memory of a process in MB (Linux /proc), or NaN where that cannot be read. */
export function residentMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** /healthz answers collected while a load runs: latency in ms, or Infinity for a timeout. */
export interface HealthProbe {
  stop: () => Promise<{ count: number; maxMs: number; failures: number }>;
}

/** Asks /healthz every `everyMs` (one request at a time, 5 s timeout) until stopped. */
export function probeHealth(url: string, everyMs = 100): HealthProbe {
  const times: number[] = [];
  let failures = 0;
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (!response.ok) failures += 1;
        times.push(performance.now() - started);
      } catch {
        failures += 1;
        times.push(Number.POSITIVE_INFINITY);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      isRunning = false;
      await loop;
      return { count: times.length, maxMs: Math.max(0, ...times), failures };
    },
  };
}
