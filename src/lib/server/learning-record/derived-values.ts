import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/** Values the server's graders derive for the statements they write. */

/** A UUID derived from a seed, so the statements of one attempt have stable ids across retries. */
export function derivedUuid(seed: string): string {
  const hex = encodeHexLowerCase(sha256(new TextEncoder().encode(seed)))
    .slice(0, 32)
    .split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** ISO 8601 duration of milliseconds, e.g. PT12M3.5S. */
export function isoDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds - minutes * 60) * 100) / 100;
  return `PT${minutes ? `${minutes}M` : ''}${rest}S`;
}
