// @ts-check
/**
 * The Content-Security-Policy directives besides script-src and style-src, shared by Astro's
 * page policy (astro.config.mjs) and the header on every other response (security-headers.ts).
 */
/** @typedef {Exclude<NonNullable<import('astro').AstroUserConfig['security']>['csp'], boolean | undefined>} CspConfig */
/** @type {NonNullable<CspConfig['directives']>} */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
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
];
