import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import { now } from '../clock.ts';
import type { OidcClientAuth, OidcSettings } from './oidc-settings.ts';

/** Seconds Switchyard waits for the provider before calling it unreachable. */
const PROVIDER_TIMEOUT_S = 10;
/** The discovery document is read again after this long, so provider changes are picked up. */
const METADATA_TTL_MS = 60 * 60 * 1000;

let metadataCache: { issuer: string; metadata: oidc.ServerMetadata; fetchedAt: number } | undefined;
/** The provider's signing keys as last fetched; the library refreshes it when it is stale. */
let keysCache: oidc.ExportedJWKSCache | undefined;

/** The provider's discovery document, fetched from /.well-known/openid-configuration and cached. */
async function providerMetadata(settings: OidcSettings): Promise<oidc.ServerMetadata> {
  const issuer = settings.issuer.href;
  if (metadataCache?.issuer === issuer && Date.now() - metadataCache.fetchedAt < METADATA_TTL_MS) {
    return metadataCache.metadata;
  }
  const discovered = await oidc.discovery(
    settings.issuer,
    settings.clientId,
    undefined,
    undefined,
    {
      timeout: PROVIDER_TIMEOUT_S,
      ...(settings.issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
    },
  );
  const metadata = structuredClone(discovered.serverMetadata()) as oidc.ServerMetadata;
  metadataCache = { issuer, metadata, fetchedAt: Date.now() };
  return metadata;
}

/** The signing algorithm for a private key: RS256 for RSA, ES256/384/512 for EC curves. */
async function privateKeyJwt(keyFile: string, keyId: string | undefined): Promise<oidc.ClientAuth> {
  const keyObject = createPrivateKey(readFileSync(keyFile));
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  const algorithm =
    keyObject.asymmetricKeyType === 'ec'
      ? {
          name: 'ECDSA',
          namedCurve: curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : 'P-256',
        }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const key = keyObject.toCryptoKey(algorithm, false, ['sign']) as unknown as oidc.CryptoKey;
  return oidc.PrivateKeyJwt(keyId ? { key, kid: keyId } : key);
}

async function clientAuthentication(auth: OidcClientAuth): Promise<oidc.ClientAuth> {
  if (auth.method === 'private_key_jwt') return privateKeyJwt(auth.keyFile, auth.keyId);
  return auth.method === 'client_secret_post'
    ? oidc.ClientSecretPost(auth.secret)
    : oidc.ClientSecretBasic(auth.secret);
}

/** The key id named in a token endpoint response's ID token header, if any (read, not trusted). */
async function idTokenKeyId(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { id_token?: unknown };
    if (typeof body.id_token !== 'string') return undefined;
    const header = JSON.parse(
      Buffer.from(body.id_token.split('.')[0] ?? '', 'base64url').toString(),
    );
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A client configuration for one sign-in: the cached discovery document, the cached signing keys,
 * ID token signatures checked against the provider's JWKS.
 */
export async function providerConfiguration(settings: OidcSettings): Promise<oidc.Configuration> {
  const metadata = await providerMetadata(settings);
  // The server's clock (moved in tests) is the one token times are checked against.
  const skewSeconds = Math.round((now() - Date.now()) / 1000);
  const config = new oidc.Configuration(
    metadata,
    settings.clientId,
    skewSeconds ? { [oidc.clockSkew]: skewSeconds } : undefined,
    await clientAuthentication(settings.clientAuth),
  );
  config.timeout = PROVIDER_TIMEOUT_S;
  if (settings.issuer.protocol === 'http:') oidc.allowInsecureRequests(config);
  oidc.enableNonRepudiationChecks(config);
  if (keysCache) oidc.setJwksCache(config, keysCache);
  const tokenEndpoint = metadata.token_endpoint ? new URL(metadata.token_endpoint).href : '';
  config[oidc.customFetch] = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    // A token from the provider's own token endpoint naming a key we have not seen means the
    // provider rotated its keys: fetch the key set again instead of waiting for the cache to age.
    if (response.ok && new URL(url).href === tokenEndpoint) {
      const kid = await idTokenKeyId(response.clone());
      const cached = oidc.getJwksCache(config);
      if (kid && cached && !cached.jwks.keys.some((key) => key.kid === kid)) {
        oidc.setJwksCache(config, { jwks: { keys: [] }, uat: 0 });
      }
    }
    return response;
  };
  return config;
}

/** Keeps the signing keys a sign-in fetched for the next one. */
export function rememberProviderKeys(config: oidc.Configuration): void {
  const cache = oidc.getJwksCache(config);
  if (cache) keysCache = cache;
}

/** Forgets the discovery document and keys, so the next sign-in reads them afresh. */
export function forgetProvider(): void {
  metadataCache = undefined;
  keysCache = undefined;
}

/** The provider's RP-initiated logout URL returning to `returnTo`, or null when it has none. */
export async function providerLogoutUrl(
  settings: OidcSettings,
  returnTo: string,
): Promise<string | null> {
  try {
    const config = await providerConfiguration(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      client_id: settings.clientId,
      post_logout_redirect_uri: returnTo,
    }).href;
  } catch {
    return null;
  }
}
