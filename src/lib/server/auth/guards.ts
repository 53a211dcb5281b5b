import type { SessionUser } from './session.ts';

/** Roles allowed per path prefix; the first match wins. */
const RULES: { prefix: string; roles: SessionUser['role'][] }[] = [
  { prefix: '/admin', roles: ['admin'] },
  { prefix: '/api/admin', roles: ['admin'] },
  { prefix: '/manage', roles: ['manager', 'admin'] },
  { prefix: '/api/manage', roles: ['manager', 'admin'] },
  { prefix: '/account', roles: ['learner', 'manager', 'admin'] },
  { prefix: '/learn', roles: ['learner', 'manager', 'admin'] },
  { prefix: '/exercises', roles: ['learner', 'manager', 'admin'] },
];

/** What the guard decided for a path and a user. */
export type AccessDecision = 'allow' | 'sign-in' | 'forbidden';

function matches(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Decides whether a user may open a path; public paths are always allowed. */
export function decideAccess(path: string, user: SessionUser | null): AccessDecision {
  const rule = RULES.find((candidate) => matches(path, candidate.prefix));
  if (!rule) return 'allow';
  if (!user) return 'sign-in';
  return rule.roles.includes(user.role) ? 'allow' : 'forbidden';
}

/** True when a request may change state, and so needs an origin check. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** True when the Origin header (or, lacking it, the Referer) names the site's own origin. */
export function isSameOrigin(request: Request, siteOrigin: string): boolean {
  const origin = request.headers.get('origin');
  if (origin) return origin === siteOrigin;
  const referer = request.headers.get('referer');
  if (!referer) return false;
  try {
    return new URL(referer).origin === siteOrigin;
  } catch {
    return false;
  }
}
