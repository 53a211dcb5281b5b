import { getConfig } from './config.ts';

/** The origin people use: PUBLIC_ORIGIN when set (behind a proxy), else the request's own. */
export function siteOrigin(requestUrl: URL): string {
  return getConfig().PUBLIC_ORIGIN ?? requestUrl.origin;
}

/** Cookies get Secure when the site is served over https. */
export function isSecureOrigin(origin: string): boolean {
  return origin.startsWith('https:');
}

/** Default identity of this deployment when PUBLIC_ORIGIN is not set. */
export const DEFAULT_CANONICAL_ORIGIN = 'http://localhost:4321';

/**
 * The origin that names this deployment in the learning record: activity ids and learners'
 * xAPI accounts. It must not depend on the address a request used, so PUBLIC_ORIGIN or a constant.
 */
export function canonicalOrigin(): string {
  return getConfig().PUBLIC_ORIGIN ?? DEFAULT_CANONICAL_ORIGIN;
}
