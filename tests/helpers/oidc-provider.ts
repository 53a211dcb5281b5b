import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider';
import { freePort } from './server.ts';

/** A person who can sign in at the test provider, with the claims it asserts about them. */
export interface ProviderAccount {
  login: string;
  password: string;
  claims: Record<string, unknown>;
}

/** A real oidc-provider on a free port, with its own login and consent screens. */
export interface TestProvider {
  /** The issuer, on `localhost` so browser tests can tell it from the server at 127.0.0.1. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, ProviderAccount>;
  /** Adds a Switchyard server's redirect URIs to the client and (re)creates the provider. */
  registerClient: (redirectUri: string, postLogoutRedirectUri: string) => Promise<void>;
  /** Adds a client that authenticates with private_key_jwt using this public key. */
  registerKeyClient: (clientId: string, redirectUri: string, publicKey: JWK) => Promise<void>;
  /** How many times the JWKS was fetched. */
  jwksRequests: () => number;
  /** Starts signing with a new key, published in the JWKS beside the old one. */
  rotateKeys: () => Promise<void>;
  /** Signs with a key that the published JWKS does not contain. */
  signWithUnpublishedKey: () => Promise<void>;
  /** Stops answering (connections refused) until `resume`. */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
  close: () => Promise<void>;
}

async function signingKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
}

function publicPart(jwk: JWK): JWK {
  const { kid, kty, n, e, alg, use } = jwk;
  return { kid, kty, n, e, alg, use } as JWK;
}

function readBody(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(response: ServerResponse, title: string, body: string): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`,
  );
}

/** Starts the provider; call `registerClient` before the first sign-in. */
export async function startTestProvider(): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const clientId = 'switchyard-test';
  const clientSecret = `secret-${crypto.randomUUID()}`;
  const accounts = new Map<string, ProviderAccount>();
  let keys: JWK[] = [await signingKey()];
  let publishedKeys: JWK[] | null = null;
  let client: { redirectUris: string[]; postLogoutRedirectUris: string[] } | null = null;
  let jwksRequests = 0;
  const keyClients: ClientMetadata[] = [];
  let provider: Provider | null = null;

  const build = (): void => {
    if (!client) return;
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: client.redirectUris,
          post_logout_redirect_uris: client.postLogoutRedirectUris,
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
        ...keyClients,
      ],
      jwks: { keys: keys as never },
      cookies: { keys: ['switchyard test provider cookie key'] },
      pkce: { required: () => true },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 3600 },
      // Like Entra ID, Okta and Keycloak, put the profile, email and groups claims in the ID token.
      conformIdTokenClaims: false,
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: [
          'name',
          'given_name',
          'family_name',
          'department',
          'groups',
          '_claim_names',
          '_claim_sources',
        ],
      },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: { enabled: true },
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => {
        const account = [...accounts.values()].find((candidate) => candidate.claims['sub'] === sub);
        if (!account) return undefined;
        return { accountId: sub, claims: () => ({ ...account.claims, sub }) as never };
      },
    };
    provider = new Provider(issuer, configuration);
  };

  const interaction = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const current = provider;
    if (!current) throw new Error('register the client first');
    const details = await current.interactionDetails(request, response);
    const action = `/interaction/${details.uid}`;
    if (request.method === 'GET') {
      if (details.prompt.name === 'login') {
        page(
          response,
          'Sign in to the test provider',
          `<form method="post" action="${action}"><label for="login">Username</label><input id="login" name="login" autocomplete="username"><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password"><button type="submit">Sign in</button></form>`,
        );
      } else {
        page(
          response,
          'Allow Switchyard to see your profile',
          `<form method="post" action="${action}"><input type="hidden" name="consent" value="yes"><button type="submit">Allow</button></form>`,
        );
      }
      return;
    }
    const form = await readBody(request);
    if (details.prompt.name === 'login') {
      const account = accounts.get(form.get('login') ?? '');
      if (!account || account.password !== form.get('password')) {
        page(
          response,
          'Sign in to the test provider',
          `<p role="alert">Wrong username or password for ${escapeHtml(form.get('login') ?? '')}.</p>`,
        );
        return;
      }
      await current.interactionFinished(
        request,
        response,
        { login: { accountId: String(account.claims['sub']) } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const { session, params, prompt } = details;
    const grant = new current.Grant({
      accountId: session?.accountId ?? '',
      clientId: String(params['client_id']),
    });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await current.interactionFinished(
      request,
      response,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', issuer).pathname;
    if (path === '/jwks') jwksRequests += 1;
    if (publishedKeys && path === '/jwks') {
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify({ keys: publishedKeys }));
      return;
    }
    if (path.startsWith('/interaction/')) {
      interaction(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
      return;
    }
    if (!provider) {
      response.writeHead(503);
      response.end();
      return;
    }
    provider.callback()(request, response);
  };

  let server: Server = createServer(handle);
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server = createServer(handle);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const shut = (): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen();

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    registerClient: async (redirectUri, postLogoutRedirectUri) => {
      client = {
        redirectUris: [...(client?.redirectUris ?? []), redirectUri],
        postLogoutRedirectUris: [...(client?.postLogoutRedirectUris ?? []), postLogoutRedirectUri],
      };
      build();
    },
    registerKeyClient: async (keyClientId, redirectUri, publicKey) => {
      keyClients.push({
        client_id: keyClientId,
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [publicKey as never] },
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      });
      build();
    },
    jwksRequests: () => jwksRequests,
    rotateKeys: async () => {
      keys = [await signingKey(), ...keys.slice(0, 1)];
      publishedKeys = null;
      build();
    },
    signWithUnpublishedKey: async () => {
      publishedKeys = keys.map(publicPart);
      keys = [await signingKey()];
      build();
    },
    pause: shut,
    resume: listen,
    close: shut,
  };
}
