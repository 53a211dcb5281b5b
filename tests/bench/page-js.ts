// The JavaScript a page loads at start, measured the way a browser fetches it: the page's scripts
// and islands, everything they import statically, gzip-compressed. Dynamic imports are listed
// apart, since they load only on demand.
import { gzipSync } from 'node:zlib';

/** Initial and on-demand JavaScript of one page. */
export interface PageJs {
  /** gzip bytes of inline scripts and every file loaded at start. */
  initialBytes: number;
  /** Same-origin script files loaded at start. */
  initial: string[];
  /** Files the initial ones import only on demand (not counted in `initialBytes`). */
  lazy: string[];
  /** Body of every file fetched so far. */
  bodies: Map<string, string>;
  /** gzip bytes of one fetched file. */
  gz: (url: string) => number;
}

/** Fetches a page (with `cookie`) and follows its scripts' static imports. */
export async function measurePageJs(pageUrl: string, cookie: string): Promise<PageJs> {
  const html = await (await fetch(pageUrl, { headers: { cookie } })).text();
  const bodies = new Map<string, string>();
  const lazy = new Set<string>();
  const initial = new Set<string>();
  const fetchScript = async (url: string): Promise<string> => {
    const cached = bodies.get(url);
    if (cached !== undefined) return cached;
    const body = await (await fetch(url)).text();
    bodies.set(url, body);
    return body;
  };
  const visit = async (url: string): Promise<void> => {
    if (initial.has(url)) return;
    initial.add(url);
    const body = await fetchScript(url);
    for (const match of body.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g))
      await visit(new URL(match[1] ?? '', url).href);
    for (const match of body.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g))
      lazy.add(new URL(match[1] ?? '', url).href);
  };
  let inlineBytes = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = match[1] ?? '';
    if (/type="application\/json"/.test(attributes)) continue;
    const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
    if (src) await visit(new URL(src, pageUrl).href);
    else if ((match[2] ?? '').trim()) inlineBytes += gzipSync(match[2] ?? '').length;
  }
  for (const match of html.matchAll(/<astro-island\b[^>]*>/g)) {
    for (const attribute of ['component-url', 'renderer-url']) {
      const url = new RegExp(`${attribute}="([^"]+)"`).exec(match[0])?.[1];
      if (url) await visit(new URL(url.replace(/&amp;/g, '&'), pageUrl).href);
    }
  }
  const gz = (url: string): number => gzipSync(bodies.get(url) ?? '').length;
  return {
    initialBytes: [...initial].reduce((sum, url) => sum + gz(url), inlineBytes),
    initial: [...initial],
    lazy: [...lazy].filter((url) => !initial.has(url)),
    bodies,
    gz,
  };
}

/** gzip bytes a dynamic import adds: the module and its static imports not loaded already. */
export async function measureOnDemand(js: PageJs, url: string): Promise<number> {
  const seen = new Set(js.initial);
  let bytes = 0;
  const visit = async (next: string): Promise<void> => {
    if (seen.has(next)) return;
    seen.add(next);
    const body = js.bodies.get(next) ?? (await (await fetch(next)).text());
    js.bodies.set(next, body);
    bytes += js.gz(next);
    for (const match of body.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g))
      await visit(new URL(match[1] ?? '', next).href);
  };
  await visit(url);
  return bytes;
}

/** Whether any of the files contains the text (e.g. a module's tell-tale string). */
export function anyContains(js: PageJs, urls: readonly string[], pattern: RegExp): boolean {
  return urls.some((url) => pattern.test(js.bodies.get(url) ?? ''));
}
