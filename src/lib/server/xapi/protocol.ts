import type { XapiVersion } from '../learning-record/validate.ts';
import { now } from '../clock.ts';

/** The version header every xAPI request and response carries. */
export const VERSION_HEADER = 'X-Experience-API-Version';
/** The newest version Switchyard speaks, used when a request names none we accept. */
export const LATEST_VERSION: XapiVersion = '2.0.0';

/** The request's xAPI version, or a message saying what to send instead. */
export function readVersion(
  header: string | null,
): { ok: true; version: XapiVersion } | { ok: false; message: string } {
  const value = header?.trim();
  if (!value) {
    return {
      ok: false,
      message: `Every xAPI request needs the header ${VERSION_HEADER}: 2.0.0 (or 1.0.3).`,
    };
  }
  if (/^1\.0(\.\d+)?$/.test(value)) return { ok: true, version: '1.0.3' };
  if (/^2\.0(\.\d+)?$/.test(value)) return { ok: true, version: '2.0.0' };
  return {
    ok: false,
    message: `${VERSION_HEADER} ${value.slice(0, 40)} is not supported: send 2.0.0 or 1.0.3.`,
  };
}

/**
 * The version to answer a request whose version header was refused or missing: a 1.x client gets
 * 1.0.3 (the 1.x version Switchyard speaks), anyone else the newest.
 */
export function fallbackVersion(header: string | null): XapiVersion {
  return header?.trim().startsWith('1.') ? '1.0.3' : LATEST_VERSION;
}

/** Headers every xAPI response carries. */
export function xapiHeaders(version: XapiVersion, extra: Record<string, string> = {}): Headers {
  return new Headers({ [VERSION_HEADER]: version, 'Cache-Control': 'no-store', ...extra });
}

/** Header naming the time up to which every stored statement can be read. */
export const CONSISTENT_THROUGH = 'X-Experience-API-Consistent-Through';

/** X-Experience-API-Consistent-Through: writes are committed before they are acknowledged, so now. */
export function consistentThrough(): Record<string, string> {
  return { [CONSISTENT_THROUGH]: new Date(now()).toISOString() };
}

/**
 * A JSON response with the xAPI headers. Its length is declared, so it goes out in one write
 * instead of as chunks and a closing chunk.
 */
export function xapiJson(
  status: number,
  body: string,
  version: XapiVersion,
  extra: Record<string, string> = {},
): Response {
  return new Response(body, {
    status,
    headers: xapiHeaders(version, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      ...extra,
    }),
  });
}

/** An error a person can act on, as JSON: { "error": "..." }. */
export function xapiError(
  status: number,
  message: string,
  version: XapiVersion = LATEST_VERSION,
  extra: Record<string, string> = {},
): Response {
  return xapiJson(status, JSON.stringify({ error: message }), version, extra);
}
