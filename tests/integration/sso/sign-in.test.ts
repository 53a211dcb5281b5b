import { spawnSync } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { auditEvents, oidcIdentities, teamMembers, users } from '../../../db/schema.ts';
import { changeDisabled } from '../../../src/lib/server/auth/administration.ts';
import { addGroupMapping, changeLinking } from '../../../src/lib/server/sso/sso-admin-actions.ts';
import { createTeam } from '../../../src/lib/server/teams/team.ts';
import { runCli, postForm } from '../../helpers/http.ts';
import { BrowserLikeAgent, signInWithProvider } from '../../helpers/oidc-agent.ts';
import {
  startTestProvider,
  type ProviderAccount,
  type TestProvider,
} from '../../helpers/oidc-provider.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { addPersonByCli } from '../../helpers/people.ts';

let provider: TestProvider;
let server: TestServer;
let db: Database;
let adminId = '';
let teamId = '';

const ADMIN = { email: 'recovery.admin@utility.example', password: 'breaker failure relay' };
const LEARNER = { email: 'local.learner@utility.example', password: 'transformer oil sample' };

function account(login: string, claims: Record<string, unknown>): ProviderAccount {
  const person = {
    login,
    password: `${login} password`,
    claims: { sub: `sub-${login}`, ...claims },
  };
  provider.accounts.set(login, person);
  return person;
}

async function userByEmail(email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

async function auditTypes(subjectId: string): Promise<string[]> {
  const rows = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId));
  return rows.map((row) => row.type);
}

async function pageText(response: Response): Promise<string> {
  return (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  provider = await startTestProvider();
  server = await startServer({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_DISPLAY_NAME: 'Contoso',
    SSO_ONLY: 'true',
  });
  await provider.registerClient(`${server.url}/auth/oidc/callback`, `${server.url}/`);
  db = await openDatabase({ url: server.databaseUrl });
  const cli = (args: string[], input?: string): void => {
    const result = runCli(server.databaseUrl, args, input);
    if (result.status !== 0) throw new Error(result.stderr);
  };
  addPersonByCli(server.databaseUrl, { ...ADMIN, name: 'Rae Recovery', role: 'admin' });
  cli(['user', 'break-glass', '--email', ADMIN.email]);
  addPersonByCli(server.databaseUrl, { ...LEARNER, name: 'Lou Local', role: 'learner' });
  adminId = (await userByEmail(ADMIN.email))?.id ?? '';
  const team = await createTeam(db, {
    slug: 'substation-maintenance',
    name: 'Substation maintenance',
    kind: 'ot',
  });
  if (!team.ok) throw new Error('team');
  teamId = team.team.id;
  const actor = { id: adminId };
  expect(
    (
      await addGroupMapping(
        db,
        actor,
        { groupName: 'GRP-Substation-Maint', team: 'substation-maintenance' },
        'test',
      )
    ).ok,
  ).toBe(true);
  expect(
    (
      await addGroupMapping(
        db,
        actor,
        { groupName: 'GRP-Training-Managers', role: 'manager' },
        'test',
      )
    ).ok,
  ).toBe(true);
});

afterAll(async () => {
  db?.$client.close();
  await server?.dispose();
  await provider?.close();
});

describe('single sign-on against a real OpenID provider', () => {
  test('a new person signs in through the login and consent screens and gets the mapped team and role', async () => {
    const pat = account('pat', {
      email: 'pat.lineworker@utility.example',
      email_verified: true,
      name: 'Pat Lineworker',
      department: 'OT',
      groups: ['GRP-Substation-Maint', 'GRP-Training-Managers', 'GRP-Unmapped'],
    });
    const agent = new BrowserLikeAgent();
    const result = await signInWithProvider(agent, server.url, pat, { next: '/learn' });
    expect(result.url).toBe(`${server.url}/learn`);
    expect(result.response.status).toBe(200);
    expect(agent.visited.some((url) => url.includes('/interaction/'))).toBe(true);
    const user = await userByEmail('pat.lineworker@utility.example');
    expect(user).toMatchObject({
      displayName: 'Pat Lineworker',
      role: 'manager',
      department: 'ot',
      passwordHash: null,
    });
    const membership = await db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, user?.id ?? ''), eq(teamMembers.teamId, teamId)));
    expect(membership).toHaveLength(1);
    const [identity] = await db
      .select()
      .from(oidcIdentities)
      .where(eq(oidcIdentities.userId, user?.id ?? ''));
    expect(identity).toMatchObject({ issuer: provider.issuer, subject: 'sub-pat' });
    expect(await auditTypes(user?.id ?? '')).toEqual(
      expect.arrayContaining(['sso.account-created', 'sso.access-changed', 'sso.sign-in']),
    );
  });

  test('the mapping is applied again at the next sign-in, and the change is audited', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    pat.claims['groups'] = ['GRP-Substation-Maint'];
    const result = await signInWithProvider(new BrowserLikeAgent(), server.url, pat);
    expect(result.url).toBe(`${server.url}/learn`);
    const user = await userByEmail('pat.lineworker@utility.example');
    expect(user?.role).toBe('learner');
    const changes = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, user?.id ?? ''), eq(auditEvents.type, 'sso.access-changed')),
      );
    expect(changes.map((row) => JSON.parse(row.detail).role)).toContainEqual({
      from: 'manager',
      to: 'learner',
    });
  });

  test('a replayed callback is refused and starts no session', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    const agent = new BrowserLikeAgent();
    const first = await signInWithProvider(agent, server.url, pat);
    expect(first.url).toBe(`${server.url}/learn`);
    const replay = await agent.request(first.callbackUrl);
    expect(replay.status).toBe(400);
    expect(
      replay.headers
        .getSetCookie()
        .some((c) => c.startsWith('switchyard_session=') && !c.startsWith('switchyard_session=;')),
    ).toBe(false);
    expect(await pageText(replay)).toContain('This sign-in link has expired');
    const elsewhere = await new BrowserLikeAgent().request(first.callbackUrl);
    expect(elsewhere.status).toBe(400);
  });

  test('a callback whose state does not match is refused', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    const agent = new BrowserLikeAgent();
    const stopped = await signInWithProvider(agent, server.url, pat, { stopAtCallback: true });
    const tampered = new URL(stopped.callbackUrl);
    tampered.searchParams.set('state', 'forged-state');
    const response = await agent.request(tampered.href);
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain('This sign-in link has expired');
  });

  test('keys the provider rotates to are fetched once and then served from the cache', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    await provider.rotateKeys();
    const before = provider.jwksRequests();
    const rotated = await signInWithProvider(new BrowserLikeAgent(), server.url, pat);
    expect(rotated.url).toBe(`${server.url}/learn`);
    expect(provider.jwksRequests()).toBe(before + 1);
    const again = await signInWithProvider(new BrowserLikeAgent(), server.url, pat);
    expect(again.url).toBe(`${server.url}/learn`);
    expect(provider.jwksRequests()).toBe(before + 1);
  });

  test('an ID token signed by a key that is not in the JWKS is refused', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    await provider.signWithUnpublishedKey();
    try {
      const result = await signInWithProvider(new BrowserLikeAgent(), server.url, pat);
      expect(result.response.status).toBe(400);
      expect(await pageText(result.response)).toContain('The sign-in could not be verified');
      expect(server.output()).toContain('OAUTH_KEY_SELECTION_FAILED');
    } finally {
      await provider.rotateKeys();
    }
  });

  test('a person in no mapped group is told whom to ask, and no account is created', async () => {
    const quinn = account('quinn', {
      email: 'quinn@utility.example',
      email_verified: true,
      name: 'Quinn',
      groups: ['GRP-Finance'],
    });
    const result = await signInWithProvider(new BrowserLikeAgent(), server.url, quinn);
    expect(result.response.status).toBe(403);
    const text = await pageText(result.response);
    expect(text).toContain('not in any group that gives access to Switchyard');
    expect(text).not.toContain('GRP-Finance');
    expect(await userByEmail('quinn@utility.example')).toBeUndefined();
  });

  test('an Entra ID group overage is explained in the log', async () => {
    const rosa = account('rosa', {
      email: 'rosa@utility.example',
      email_verified: true,
      name: 'Rosa',
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: `${provider.issuer}/groups` } },
    });
    const result = await signInWithProvider(new BrowserLikeAgent(), server.url, rosa);
    expect(result.response.status).toBe(403);
    expect(server.output()).toContain('group overage');
    const overage = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.type, 'sso.groups-overage'));
    expect(overage.length).toBeGreaterThan(0);
  });

  test('an existing local account is linked only when the email is verified and an administrator allows it', async () => {
    const local = await userByEmail(LEARNER.email);
    const unverified = account('lou-unverified', {
      email: LEARNER.email,
      email_verified: false,
      name: 'Lou',
      groups: ['GRP-Substation-Maint'],
    });
    const verified = account('lou', {
      email: LEARNER.email,
      email_verified: true,
      name: 'Lou',
      groups: ['GRP-Substation-Maint'],
    });
    const refused = await signInWithProvider(new BrowserLikeAgent(), server.url, verified);
    expect(refused.response.status).toBe(409);
    await changeLinking(db, { id: adminId }, true, 'test');
    const stillRefused = await signInWithProvider(new BrowserLikeAgent(), server.url, unverified);
    expect(stillRefused.response.status).toBe(409);
    const linked = await signInWithProvider(new BrowserLikeAgent(), server.url, verified);
    expect(linked.url).toBe(`${server.url}/learn`);
    const identities = await db
      .select()
      .from(oidcIdentities)
      .where(eq(oidcIdentities.userId, local?.id ?? ''));
    expect(identities.map((row) => row.subject)).toEqual(['sub-lou']);
    expect(await auditTypes(local?.id ?? '')).toContain('sso.account-linked');
    await changeLinking(db, { id: adminId }, false, 'test');
  });

  test('a disabled account stays disabled whatever the provider says', async () => {
    const pat = provider.accounts.get('pat');
    const user = await userByEmail('pat.lineworker@utility.example');
    if (!pat || !user) throw new Error('pat');
    expect((await changeDisabled(db, { id: adminId }, user.id, true, 'test')).ok).toBe(true);
    const result = await signInWithProvider(new BrowserLikeAgent(), server.url, pat);
    expect(result.response.status).toBe(403);
    expect(await pageText(result.response)).toContain('Your Switchyard account is disabled');
    await changeDisabled(db, { id: adminId }, user.id, false, 'test');
  });

  test('an unreachable provider gives a page to try again later, never a 500', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    const agent = new BrowserLikeAgent();
    const stopped = await signInWithProvider(agent, server.url, pat, { stopAtCallback: true });
    await provider.pause();
    try {
      const response = await agent.request(stopped.callbackUrl);
      expect(response.status).toBe(503);
      expect(await pageText(response)).toContain('Contoso cannot be reached');
    } finally {
      await provider.resume();
    }
  });

  test('with SSO_ONLY a password opens only the break-glass account', async () => {
    const page = await pageText(await fetch(`${server.url}/login`));
    expect(page).toContain('Sign in with Contoso');
    const ordinary = await postForm(`${server.url}/login`, LEARNER, { origin: server.url });
    expect(ordinary.status).toBe(401);
    expect(ordinary.headers.getSetCookie().join()).not.toContain('switchyard_session=');
    expect(await pageText(ordinary)).toContain('kept for recovery accounts');
    const breakGlass = await postForm(`${server.url}/login`, ADMIN, { origin: server.url });
    expect(breakGlass.status).toBe(302);
    expect(breakGlass.headers.getSetCookie().join()).toContain('switchyard_session=');
  });

  test('signing out offers the provider’s own sign-out', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    const agent = new BrowserLikeAgent();
    await signInWithProvider(agent, server.url, pat);
    const out = await agent.request(`${server.url}/logout`, { form: {} });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/auth/oidc/signed-out');
    const page = await (await agent.request(`${server.url}/auth/oidc/signed-out`)).text();
    expect(page).toContain(`${provider.issuer}/session/end?client_id=${provider.clientId}`);
    expect((await agent.request(`${server.url}/learn`)).status).toBe(302);
  });
});

describe('single sign-on with a server clock two hours fast', () => {
  let skewed: TestServer;

  beforeAll(async () => {
    skewed = await startServer({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_DISPLAY_NAME: 'Contoso',
      SWITCHYARD_CLOCK_OFFSET_MS: String(2 * 60 * 60 * 1000),
    });
    await provider.registerClient(`${skewed.url}/auth/oidc/callback`, `${skewed.url}/`);
  });

  afterAll(async () => {
    await skewed?.dispose();
  });

  test('an ID token that looks expired because of clock skew gets a page about the clocks', async () => {
    const pat = provider.accounts.get('pat');
    if (!pat) throw new Error('pat');
    const result = await signInWithProvider(new BrowserLikeAgent(), skewed.url, pat);
    expect(result.response.status).toBe(400);
    expect(await pageText(result.response)).toContain('The clocks do not agree');
    expect(skewed.output()).toContain('OAUTH_JWT_TIMESTAMP_CHECK_FAILED');
  });
});

describe('single sign-on settings at start', () => {
  test('an issuer that is not a URL stops the start with one line naming OIDC_ISSUER', () => {
    const result = spawnSync(process.execPath, ['src/cli/start.mjs'], {
      env: { ...process.env, OIDC_ISSUER: 'nonsense' },
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('OIDC_ISSUER');
  });
});
