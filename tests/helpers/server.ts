import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running Switchyard server on a temp database. */
export interface TestServer {
  url: string;
  port: number;
  databaseUrl: string;
  dir: string;
  /** Everything the server printed so far. */
  output: () => string;
  /** The server process id while it runs. */
  pid: () => number | undefined;
  /** Stops the server gracefully (SIGTERM) or hard (SIGKILL) and waits for it to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts the server again on the same port and database. */
  restart: () => Promise<void>;
  /** Stops the server and removes its temp folder. */
  dispose: () => Promise<void>;
}

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts the built server (npm start's script, without rebuilding) on a free port and a temp database. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-server-'));
  const port = await freePort();
  const databaseUrl = `file:${join(dir, 'switchyard.db')}`;
  let child: ChildProcess | undefined;
  let log = '';

  const launch = async (): Promise<void> => {
    log = '';
    child = spawn(process.execPath, ['src/cli/start.mjs'], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server did not start within 60 s:\n${log}`);
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };

  await launch();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    databaseUrl,
    dir,
    output: () => log,
    pid: () => child?.pid,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
