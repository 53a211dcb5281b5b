import { BlockList, isIP } from 'node:net';

/** A parsed TRUSTED_PROXIES list: addresses and CIDR ranges whose X-Forwarded-For is believed. */
export type TrustedProxies = BlockList;

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 seen through an IPv6 socket. */
function normaliseAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/** Why an entry of TRUSTED_PROXIES is not an address or CIDR range, or null when it is. */
function entryProblem(entry: string): string | null {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return `"${entry}" is not an IP address or CIDR range`;
  if (prefix === undefined) return null;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(prefix) && bits <= max ? null : `"${entry}" has a prefix outside 0-${max}`;
}

/** Parses a comma-separated list of addresses and CIDR ranges; throws with the bad entry named. */
export function parseTrustedProxies(list: string): TrustedProxies {
  const blocks = new BlockList();
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const problem = entryProblem(entry);
    if (problem) throw new Error(problem);
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, Number(prefix), type);
  }
  return blocks;
}

function isTrusted(proxies: TrustedProxies, address: string): boolean {
  const family = isIP(address);
  if (!family) return false;
  return proxies.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The address of the person behind a request: the socket's peer, unless that peer is a trusted
 * proxy, in which case X-Forwarded-For is read from the right, skipping further trusted proxies,
 * and the first address not trusted is the client. Without trusted proxies the header is ignored.
 */
export function resolveClientAddress(
  peer: string,
  forwardedFor: string | null,
  proxies: TrustedProxies | undefined,
): string {
  const socket = normaliseAddress(peer);
  if (!proxies || !forwardedFor || !isTrusted(proxies, socket)) return socket;
  const hops = forwardedFor.split(',').map(normaliseAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (!isIP(hop)) return socket;
    if (!isTrusted(proxies, hop)) return hop;
  }
  return hops[0] ?? socket;
}
