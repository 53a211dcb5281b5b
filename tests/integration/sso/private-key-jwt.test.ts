import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { users } from '../../../db/schema.ts';
import { addGroupMapping } from '../../../src/lib/server/sso/sso-admin-actions.ts';
import { parseConfig } from '../../../src/lib/server/config.ts';
import { oidcSettings, type OidcSettings } from '../../../src/lib/server/sso/oidc-settings.ts';
import { beginSsoSignIn, completeSsoSignIn } from '../../../src/lib/server/sso/sso-sign-in.ts';
import { createTestDatabase } from '../../helpers/database.ts';
import { BrowserLikeAgent } from '../../helpers/oidc-agent.ts';
import { startTestProvider, type TestProvider } from '../../helpers/oidc-provider.ts';

let provider: TestProvider;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let settings: OidcSettings;
let keyDir = '';
const ORIGIN = 'http://127.0.0.1:9';

beforeAll(async () => {
  provider = await startTestProvider();
  await provider.registerClient(`${ORIGIN}/unused`, `${ORIGIN}/`);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  keyDir = mkdtempSync(join(tmpdir(), 'switchyard-key-'));
  const keyFile = join(keyDir, 'client.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid: 'switchyard-2026',
    alg: 'ES256',
    use: 'sig',
  };
  await provider.registerKeyClient('switchyard-key-client', `${ORIGIN}/auth/oidc/callback`, jwk);
  const parsed = parseConfig({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: 'switchyard-key-client',
    OIDC_CLIENT_AUTH: 'private_key_jwt',
    OIDC_CLIENT_KEY_FILE: keyFile,
    OIDC_CLIENT_KEY_ID: 'switchyard-2026',
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const read = oidcSettings(parsed.config);
  if (!read) throw new Error('single sign-on is off');
  settings = read;
  database = await createTestDatabase();
  provider.accounts.set('kai', {
    login: 'kai',
    password: 'kai at the provider',
    claims: {
      sub: 'kai-7',
      email: 'kai@utility.example',
      email_verified: true,
      name: 'Kai',
      groups: ['GRP-Learners'],
    },
  });
  await addGroupMapping(
    database.db,
    { id: 'admin' },
    { groupName: 'GRP-Learners', role: 'learner' },
    'test',
  );
});

afterAll(async () => {
  database?.cleanup();
  rmSync(keyDir, { recursive: true, force: true });
  await provider?.close();
});

describe('private_key_jwt client authentication', () => {
  test('Switchyard proves itself with a signed assertion instead of a secret', async () => {
    const begun = await beginSsoSignIn(database.db, settings, { origin: ORIGIN, nextPath: '' });
    if (!begun.ok) throw new Error(begun.detail);
    const agent = new BrowserLikeAgent();
    const isCallback = (url: string): boolean => url.startsWith(`${ORIGIN}/auth/oidc/callback`);
    let step = await agent.follow(begun.url, {}, isCallback);
    for (let screens = 0; screens < 4 && !isCallback(step.url); screens += 1) {
      const html = await step.response.text();
      const form = html.includes('name="login"')
        ? { login: 'kai', password: 'kai at the provider' }
        : { consent: 'yes' };
      step = await agent.follow(step.url, { form }, isCallback);
    }
    expect(isCallback(step.url)).toBe(true);
    const done = await completeSsoSignIn(database.db, settings, {
      attemptToken: begun.attemptToken,
      requestUrl: new URL(step.url),
      ip: 'test',
    });
    expect(done.ok).toBe(true);
    const [kai] = await database.db
      .select()
      .from(users)
      .where(eq(users.email, 'kai@utility.example'));
    expect(kai?.role).toBe('learner');
  });
});
