import type { Actor, Agent } from './agent-schema.ts';

/**
 * The canonical key of an Agent or Identified Group: its one IFI, written so that two objects the
 * spec calls equal get the same key (the domain of an e-mail address is case-insensitive).
 * Anonymous groups have no key: each is distinct, so this returns null for them.
 */
export function actorKey(actor: Actor): string | null {
  if (actor.mbox !== undefined) {
    const at = actor.mbox.lastIndexOf('@');
    return `mbox:${actor.mbox.slice(0, at)}${actor.mbox.slice(at).toLowerCase()}`;
  }
  if (actor.mbox_sha1sum !== undefined) return `sha1:${actor.mbox_sha1sum.toLowerCase()}`;
  if (actor.openid !== undefined) return `openid:${actor.openid}`;
  // An IRL holds no spaces, so the space cleanly separates the home page from the name.
  if (actor.account !== undefined) return `account:${actor.account.homePage} ${actor.account.name}`;
  return null;
}

/** The keys a filter on this actor should find: its own, and for a group each member's too. */
export function actorKeysWithMembers(actor: Actor): string[] {
  const keys: string[] = [];
  const own = actorKey(actor);
  if (own) keys.push(own);
  if (actor.objectType === 'Group') {
    for (const member of actor.member ?? []) {
      const key = actorKey(member);
      if (key) keys.push(key);
    }
  }
  return keys;
}

/**
 * The Agent of a Switchyard user, the one convention every part of Switchyard uses:
 * an account whose homePage is the site's origin and whose name is the user id.
 */
export function userAgent(siteOrigin: string, userId: string, displayName?: string): Agent {
  return {
    objectType: 'Agent',
    ...(displayName ? { name: displayName } : {}),
    account: { homePage: siteOrigin, name: userId },
  };
}

/** The user id an actor names under the Switchyard convention, or null (any origin when none given). */
export function userIdOf(actor: Actor, siteOrigin?: string): string | null {
  if (actor.objectType === 'Group' || !actor.account) return null;
  if (siteOrigin !== undefined && actor.account.homePage !== siteOrigin) return null;
  return actor.account.name;
}
