/**
 * True for a fully qualified IRI (RFC 3987: a scheme, a colon, then no spaces or controls). cmi5
 * section 3.0 says IRIs in the course structure "MUST be fully qualified and not IRI References".
 */
export function isAbsoluteIri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u.test(value)) return false;
  // A URL scheme needs something after it; `urn:` needs a namespace.
  return !/^[A-Za-z][A-Za-z0-9+.-]*:\/*$/.test(value);
}

/** True when a URL in the course structure is relative (no scheme), so it names a file in the package. */
export function isRelativeUrl(value: string): boolean {
  return !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
}
