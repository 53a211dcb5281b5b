import { getConfig } from './config.ts';

/** The origin people use: PUBLIC_ORIGIN when set (behind a proxy), else the request's own. */
export function siteOrigin(requestUrl: URL): string {
  return getConfig().PUBLIC_ORIGIN ?? requestUrl.origin;
}

/** Cookies get Secure when the site is served over https. */
export function isSecureOrigin(origin: string): boolean {
  return origin.startsWith('https:');
}
