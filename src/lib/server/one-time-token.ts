import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { oneTimeTokens } from '../../../db/schema.ts';
import { now } from './clock.ts';
import { generateSessionToken, hashToken } from './auth/session.ts';

export type TokenPurpose = 'setup' | 'invitation' | 'reset';

/** How long each kind of link stays valid. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  setup: 24 * 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
  reset: 24 * 60 * 60 * 1000,
};

/** Creates a one-time link token (only its hash is stored); earlier unused tokens of the same purpose and user die. */
export async function issueOneTimeToken(
  db: Database,
  purpose: TokenPurpose,
  userId: string | null,
  createdBy: string | null,
): Promise<string> {
  const token = generateSessionToken();
  const at = now();
  await db.batch([
    db
      .delete(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.purpose, purpose),
          userId ? eq(oneTimeTokens.userId, userId) : isNull(oneTimeTokens.userId),
          isNull(oneTimeTokens.usedAt),
        ),
      ),
    db.insert(oneTimeTokens).values({
      id: hashToken(token),
      purpose,
      userId,
      createdBy,
      createdAt: at,
      expiresAt: at + TOKEN_LIFETIME_MS[purpose],
    }),
  ]);
  return token;
}

/** The live (unused, unexpired) token row for a token and purpose, without using it. */
export async function findOneTimeToken(
  db: Database,
  token: string,
  purpose: TokenPurpose,
): Promise<typeof oneTimeTokens.$inferSelect | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await db
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.id, hashToken(token)),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now()),
      ),
    );
  return row ?? null;
}

/** Uses a token once: true only for the first caller while it is live. */
export async function consumeOneTimeToken(
  db: Database,
  token: string,
  purpose: TokenPurpose,
): Promise<boolean> {
  if (!/^[a-z2-7]{32}$/.test(token)) return false;
  const used = await db
    .update(oneTimeTokens)
    .set({ usedAt: now() })
    .where(
      and(
        eq(oneTimeTokens.id, hashToken(token)),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now()),
      ),
    )
    .returning({ id: oneTimeTokens.id });
  return used.length === 1;
}
