import { CSP_DIRECTIVES } from './csp-directives.mjs';

/**
 * Content-Security-Policy for responses that are not Astro pages (APIs, files, refusals): only our
 * own origin, no inline script or style, no framing, no plugins. Pages get Astro's policy, which
 * adds the build-time hashes of the inline scripts and styles Astro itself emits.
 */
export const CONTENT_SECURITY_POLICY = [
  ...CSP_DIRECTIVES,
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
].join('; ');

/** Adds the security headers every Switchyard response carries; a page's own CSP is kept. */
export function applySecurityHeaders(headers: Headers): void {
  if (!headers.has('Content-Security-Policy')) {
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  }
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), xr-spatial-tracking=(self)',
  );
}
