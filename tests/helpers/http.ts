import { execFileSync } from 'node:child_process';

/** Runs `switchyard <args>` against a database, with optional standard input; returns its output. */
export function runCli(
  databaseUrl: string,
  args: string[],
  input?: string,
): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ['src/cli/bin.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      stdio: 'pipe',
      ...(input !== undefined ? { input } : {}),
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { status: failure.status, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** Signs in through the real form and returns the session cookie pair ("name=value"). */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = response.headers.get('set-cookie') ?? '';
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed with ${response.status}`);
  return cookie.split(';')[0] ?? '';
}

/** POSTs a form with a cookie and an Origin header, without following redirects. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  options: { cookie?: string | undefined; origin?: string | undefined } = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
    body: new URLSearchParams(fields),
  });
}
