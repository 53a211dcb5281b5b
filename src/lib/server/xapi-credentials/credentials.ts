import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { xapiCredentials } from '../../../../db/schema.ts';
import { now } from '../clock.ts';

/** What a credential may do: read statements, write them, both, or drive cmi5 launches (launch). */
export type XapiScope = 'read' | 'write' | 'all' | 'launch';

/** A credential as the server sees it (never its secret). */
export interface XapiCredential {
  id: string;
  name: string;
  key: string;
  scope: XapiScope;
}

// SHA-256, not argon2: the secret is 256 random bits, so there is nothing to brute-force, and Basic auth hashes on every request.
function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/** Creates a credential; the secret is returned once and only its hash is kept. */
export async function createXapiCredential(
  db: Database,
  input: { name: string; scope: XapiScope },
): Promise<XapiCredential & { secret: string }> {
  const credential = {
    id: crypto.randomUUID(),
    name: input.name,
    key: `xk_${randomBytes(12).toString('base64url')}`,
    scope: input.scope,
  };
  const secret = randomBytes(32).toString('base64url');
  await db.insert(xapiCredentials).values({
    ...credential,
    secretHash: hashSecret(secret),
    createdAt: now(),
  });
  return { ...credential, secret };
}

/**
 * How long a verified credential is trusted without reading it again. A credential revoked by
 * another process (the CLI, SQL) stops working within this time; one revoked through
 * revokeXapiCredential in this process stops at once.
 */
export const VERIFIED_CREDENTIAL_MS = 1000;
/** Most verified credentials remembered per database (there are a handful in practice). */
const MAX_REMEMBERED = 1000;

interface Remembered {
  credential: XapiCredential;
  secretHash: Buffer;
  /** performance.now() after which the row is read again. */
  until: number;
}
const REMEMBERED = Symbol.for('switchyard.verifiedXapiCredentials');
type Holder = { [REMEMBERED]?: WeakMap<Database, Map<string, Remembered>> };
// On globalThis: the built site and the live exercise server are two copies of this module.
const remembered = ((globalThis as Holder)[REMEMBERED] ??= new WeakMap());

function rememberedOn(db: Database): Map<string, Remembered> {
  let map = remembered.get(db);
  if (!map) {
    map = new Map();
    remembered.set(db, map);
  }
  return map;
}

/**
 * The live credential matching a key and secret, or null. Every call hashes the presented secret
 * and compares it in constant time with the stored hash; only the row read is remembered, briefly.
 */
export async function verifyXapiCredential(
  db: Database,
  key: string,
  secret: string,
): Promise<XapiCredential | null> {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const known = rememberedOn(db);
  const hit = known.get(key);
  if (hit && hit.until > performance.now()) {
    return timingSafeEqual(hit.secretHash, presented) ? hit.credential : null;
  }
  const rows = await db
    .select()
    .from(xapiCredentials)
    .where(and(eq(xapiCredentials.key, key), isNull(xapiCredentials.revokedAt)))
    .limit(1);
  const row = rows[0];
  const expected = Buffer.from(row?.secretHash ?? hashSecret('no such credential'), 'hex');
  const isMatch = timingSafeEqual(expected, presented);
  if (!row) {
    known.delete(key);
    return null;
  }
  const credential: XapiCredential = { id: row.id, name: row.name, key: row.key, scope: row.scope };
  // Only real credentials are remembered, so unknown keys cannot fill the map.
  if (known.size >= MAX_REMEMBERED) known.clear();
  known.set(key, {
    credential,
    secretHash: expected,
    until: performance.now() + VERIFIED_CREDENTIAL_MS,
  });
  return isMatch ? credential : null;
}

/** Revokes a credential: it is refused from now on (other server processes within a second). */
export async function revokeXapiCredential(db: Database, key: string): Promise<boolean> {
  const revoked = await db
    .update(xapiCredentials)
    .set({ revokedAt: now() })
    .where(and(eq(xapiCredentials.key, key), isNull(xapiCredentials.revokedAt)))
    .returning({ id: xapiCredentials.id });
  rememberedOn(db).delete(key);
  return revoked.length > 0;
}

/** Reads `Authorization: Basic ...` into key and secret; null when absent or malformed. */
export function parseBasicAuthorization(
  header: string | null,
): { key: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** True when a credential's scope allows reading or writing statements. */
export function scopeAllows(scope: XapiScope, access: 'read' | 'write'): boolean {
  return scope === 'all' || scope === access;
}
