/** Content-Security-Policy for every response: only our own origin, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Astro's island loader is an inline script; it is allowed by hash in the page's own meta policy.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // blob: for the textures embedded in the locally served controller models.
  "connect-src 'self' blob:",
  "worker-src 'self' blob:",
  "media-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the security headers every Switchyard response carries. */
export function applySecurityHeaders(headers: Headers, scriptHashes: readonly string[] = []): void {
  const policy = scriptHashes.length
    ? CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'",
        `script-src 'self' ${scriptHashes.map((hash) => `'${hash}'`).join(' ')}`,
      )
    : CONTENT_SECURITY_POLICY;
  headers.set('Content-Security-Policy', policy);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), xr-spatial-tracking=(self)',
  );
}
