/** Where people land after signing in when no (acceptable) destination was asked for. */
export const DEFAULT_NEXT_PATH = '/learn';

/** A base used only to parse relative values when the caller has no site origin at hand. */
const PARSE_BASE = 'http://switchyard.invalid';

/**
 * A destination on this site to go to after signing in: `value` resolved against the site origin
 * and kept only when it stays on that origin and its path starts with exactly one `/`. The result
 * is the URL's serialised path, query and fragment, so it never holds a control character and is
 * always a valid Location header. Anything else gives the fallback.
 */
export function safeNextPath(
  value: string | null | undefined,
  fallback: string = DEFAULT_NEXT_PATH,
  origin: string = PARSE_BASE,
): string {
  if (!value || value.length > 2048) return fallback;
  // Browsers drop tabs and newlines and read `\` as `/`, so judge the value as they would.
  if (/^[\\/]{2}/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (
    url.origin !== base.origin ||
    !url.pathname.startsWith('/') ||
    url.pathname.startsWith('//')
  ) {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
