import type { Config } from '../config.ts';

/** How Switchyard proves itself at the provider's token endpoint. */
export type OidcClientAuth =
  | { method: 'client_secret_basic' | 'client_secret_post'; secret: string }
  | { method: 'private_key_jwt'; keyFile: string; keyId: string | undefined };

/** The single sign-on settings, present only when OIDC_ISSUER is set. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientAuth: OidcClientAuth;
  scopes: string;
  /** The provider's name as people know it ("Contoso"). */
  displayName: string;
  groupsClaim: string;
  isSsoOnly: boolean;
}

/** The path of the redirect URI people register at their provider. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/** Single sign-on settings from the checked configuration, or null when it is off. */
export function oidcSettings(config: Config): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return null;
  const clientAuth: OidcClientAuth =
    config.OIDC_CLIENT_AUTH === 'private_key_jwt'
      ? {
          method: 'private_key_jwt',
          keyFile: config.OIDC_CLIENT_KEY_FILE ?? '',
          keyId: config.OIDC_CLIENT_KEY_ID,
        }
      : { method: config.OIDC_CLIENT_AUTH, secret: config.OIDC_CLIENT_SECRET ?? '' };
  return {
    issuer: new URL(config.OIDC_ISSUER),
    clientId: config.OIDC_CLIENT_ID,
    clientAuth,
    scopes: config.OIDC_SCOPES,
    displayName: config.OIDC_DISPLAY_NAME,
    groupsClaim: config.OIDC_GROUPS_CLAIM,
    isSsoOnly: config.SSO_ONLY,
  };
}
