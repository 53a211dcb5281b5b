// The sign-in throttle over HTTP, behind a trusted proxy (X-Forwarded-For believed from 127.0.0.1):
// six wrong passwords from six other addresses, then the right one from the person's usual browser
// (target: signed in), and 100 concurrent guesses on one account (target: at most the configured
// number of argon2 checks, counted as audited failures), with the time they took.
// Run: npm run bench -- sign-in
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { auditEvents } from '../../db/schema.ts';
import { FREE_ATTEMPTS } from '../../src/lib/server/auth/throttle.ts';
import { TEST_PASSWORD, addUser } from '../helpers/people.ts';
import { startServer } from '../helpers/server.ts';

const server = await startServer({ TRUSTED_PROXIES: '127.0.0.1' });
const db = await openDatabase({ url: server.databaseUrl });

function postLogin(
  email: string,
  password: string,
  address: string,
  cookie = '',
): Promise<Response> {
  return fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: server.url,
      'x-forwarded-for': address,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams({ email, password }),
  });
}

const audited = async (userId: string): Promise<number> =>
  (
    await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.type, 'sign-in.failure'), eq(auditEvents.subjectId, userId)))
  ).length;

try {
  const person = await addUser(db, { role: 'admin' });
  const first = await postLogin(person.email, TEST_PASSWORD, '10.8.0.1');
  const device = first.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .find((cookie) => cookie.startsWith('switchyard_device='));
  console.log(
    `first sign-in from the usual browser: ${first.status}, device cookie: ${Boolean(device)}`,
  );
  const wrong = [];
  for (let i = 0; i < 6; i++)
    wrong.push((await postLogin(person.email, 'attacker guess', `203.0.113.${i}`)).status);
  const elsewhere = await postLogin(person.email, TEST_PASSWORD, '198.51.100.1');
  const usual = await postLogin(person.email, TEST_PASSWORD, '10.8.0.1', device ?? '');
  console.log(`six wrong passwords from six other addresses: ${wrong.join(' ')}`);
  console.log(
    `right password from a new browser elsewhere: ${elsewhere.status}; from the usual browser: ${usual.status} (302 = signed in)`,
  );

  const target = await addUser(db, { role: 'learner' });
  const started = performance.now();
  const guesses = await Promise.all(
    Array.from({ length: 100 }, (_, i) => postLogin(target.email, `guess ${i}`, `10.9.${i}.1`)),
  );
  const elapsed = performance.now() - started;
  const statuses = new Map<number, number>();
  for (const response of guesses)
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  console.log(
    `100 concurrent guesses on one account: ${[...statuses].map(([s, n]) => `${s}x${n}`).join(' ')} in ${elapsed.toFixed(0)} ms; argon2 checks ${await audited(target.id)} (configured ${FREE_ATTEMPTS.account})`,
  );
} finally {
  db.$client.close();
  await server.dispose();
}
