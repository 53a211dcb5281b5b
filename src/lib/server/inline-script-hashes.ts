import { createHash } from 'node:crypto';

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
const cache = new Map<string, string>();

/** CSP source expressions ('sha256-...') for the inline scripts of a page; Astro emits a few, always the same. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? '';
    if (!body.trim()) continue;
    let hash = cache.get(body);
    if (!hash) {
      hash = `sha256-${createHash('sha256').update(body).digest('base64')}`;
      if (cache.size < 500) cache.set(body, hash);
    }
    hashes.add(hash);
  }
  return [...hashes];
}
