import { and, asc, count, eq, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { teamMembers, teams, users } from '../../../../db/schema.ts';
import { now } from '../clock.ts';
import { hashPassword } from './password.ts';
import { invalidateUserSessions } from './session.ts';

export const ROLES = ['learner', 'manager', 'admin'] as const;
export const DEPARTMENTS = ['it', 'ot', 'other'] as const;

/** A new person: what an admin, a manager or the CLI provides. */
export const NewUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'Enter a valid email address, such as name@utility.com.' })),
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter the person’s name.')
    .max(120, 'Use at most 120 characters for the name.'),
  role: z.enum(ROLES, { message: 'Choose learner, manager or admin.' }),
  department: z.enum(DEPARTMENTS, { message: 'Choose IT, OT or other.' }).default('other'),
  jobTitle: z.string().trim().max(120, 'Use at most 120 characters for the job title.').default(''),
});

export type NewUser = z.output<typeof NewUserSchema>;
export type UserRow = typeof users.$inferSelect;

/** Normalises an email the way it is stored. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a user (with a password, or none until an invitation is accepted); fails on a taken email. */
export async function createUser(
  db: Database,
  input: NewUser,
  password?: string,
): Promise<{ ok: true; user: UserRow } | { ok: false; reason: 'email-taken' }> {
  const existing = await findUserByEmail(db, input.email);
  if (existing) return { ok: false, reason: 'email-taken' };
  const at = now();
  const row = {
    id: crypto.randomUUID(),
    ...input,
    email: normaliseEmail(input.email),
    passwordHash: password ? await hashPassword(password) : null,
    isDisabled: false,
    isDemo: false,
    isBreakGlass: false,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await db.insert(users).values(row);
  } catch (error) {
    if (String(error).includes('UNIQUE')) return { ok: false, reason: 'email-taken' };
    throw error;
  }
  return { ok: true, user: row };
}

/** Finds a user by email, case-insensitively. */
export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row ?? null;
}

/** Finds a user by id. */
export async function getUserById(db: Database, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** True when at least one enabled administrator exists. */
export async function hasAdministrator(db: Database): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.isDisabled, false)));
  return (row?.n ?? 0) > 0;
}

/** Sets a new password and ends the user's other sessions (all of them when none is kept). */
export async function setPassword(
  db: Database,
  userId: string,
  password: string,
  keepSessionId?: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.update(users).set({ passwordHash, updatedAt: now() }).where(eq(users.id, userId));
  await invalidateUserSessions(db, userId, keepSessionId);
}

/** Disables or re-enables a user; disabling ends every session at once. */
export async function setDisabled(
  db: Database,
  userId: string,
  isDisabled: boolean,
): Promise<void> {
  await db.update(users).set({ isDisabled, updatedAt: now() }).where(eq(users.id, userId));
  if (isDisabled) await invalidateUserSessions(db, userId);
}

/** Updates profile fields. */
export async function updateUser(
  db: Database,
  userId: string,
  changes: Partial<Pick<UserRow, 'displayName' | 'role' | 'department' | 'jobTitle'>>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...changes, updatedAt: now() })
    .where(eq(users.id, userId));
}

/** One page of users matching a search over name and email, with their team names. */
export async function searchUsers(
  db: Database,
  options: { query?: string | undefined; limit: number; offset: number },
): Promise<{ rows: (UserRow & { teamNames: string })[]; total: number }> {
  const pattern = options.query ? `%${options.query.replace(/[%_\\]/g, '\\$&')}%` : undefined;
  const filter = pattern
    ? or(
        like(users.email, sql`${pattern} ESCAPE '\\'`),
        like(users.displayName, sql`${pattern} ESCAPE '\\'`),
      )
    : undefined;
  const rows = await db
    .select({
      user: users,
      teamNames: sql<string>`coalesce((SELECT group_concat(${teams.name}, ', ') FROM ${teamMembers} JOIN ${teams} ON ${teams.id} = ${teamMembers.teamId} WHERE ${teamMembers.userId} = ${users.id}), '')`,
    })
    .from(users)
    .where(filter)
    .orderBy(asc(users.displayName))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(users).where(filter);
  return {
    rows: rows.map((row) => ({ ...row.user, teamNames: row.teamNames })),
    total: total?.n ?? 0,
  };
}
