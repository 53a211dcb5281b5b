import { z } from 'zod';
import type { PageCursor } from './query.ts';

const TokenSchema = z.strictObject({
  /** The query's parameters, re-checked (and re-authorised) on every page. */
  q: z.record(z.string(), z.string()),
  l: z.number().int().min(0),
  h: z.number().int().min(0),
});

/** The `more` token for the next page: the query and where it stopped, base64url-encoded JSON. */
export function encodeMoreToken(params: Record<string, string>, cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ q: params, l: cursor.last, h: cursor.head })).toString(
    'base64url',
  );
}

/** Reads a `more` token back; null when it is not one this server made. */
export function decodeMoreToken(
  token: string,
): { params: Record<string, string>; cursor: PageCursor } | null {
  if (token.length > 16_384 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const parsed = TokenSchema.safeParse(
      JSON.parse(Buffer.from(token, 'base64url').toString('utf8')),
    );
    if (!parsed.success) return null;
    return { params: parsed.data.q, cursor: { last: parsed.data.l, head: parsed.data.h } };
  } catch {
    return null;
  }
}
