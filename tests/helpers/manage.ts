import type { Client } from '@libsql/client';
import type { Database } from '../../db/client.ts';
import { certificates, teamManagers, teamMembers, teams, users } from '../../db/schema.ts';
import { ACTIVITY_TYPES, VERBS, activityIds } from '../../src/lib/shared/courses/activity-ids.ts';
import { storeStatements } from '../../src/lib/server/learning-record/store-statements.ts';
import { userAgent } from '../../src/lib/server/learning-record/actor-key.ts';
import { generateCertificateCode } from '../../src/lib/server/completion/certificates.ts';
import { switchyardAuthority } from '../../src/lib/server/completion/trust.ts';

/** The record base tests record under (the default, without PUBLIC_ORIGIN). */
export const ORIGIN = 'http://localhost:4321';

let sequence = 0;

/** Inserts people straight into users (no password), fast enough for dozens per test. */
export async function insertPeople(
  db: Database,
  people: {
    displayName: string;
    department?: 'it' | 'ot' | 'other';
    role?: 'learner' | 'manager' | 'admin';
    jobTitle?: string;
  }[],
): Promise<(typeof users.$inferSelect)[]> {
  const rows = people.map((person) => {
    sequence += 1;
    return {
      id: crypto.randomUUID(),
      email: `person-${sequence}-${Date.now()}@utility.example`,
      displayName: person.displayName,
      role: person.role ?? ('learner' as const),
      department: person.department ?? ('ot' as const),
      jobTitle: person.jobTitle ?? 'Technician',
      passwordHash: null,
      isDisabled: false,
      isDemo: false,
      isBreakGlass: false,
      createdAt: 0,
      updatedAt: 0,
    };
  });
  if (rows.length) await db.insert(users).values(rows);
  return rows;
}

/** Creates a team with members and managers. */
export async function insertTeam(
  db: Database,
  slug: string,
  members: { id: string }[],
  managers: { id: string }[] = [],
  kind: 'it' | 'ot' | 'mixed' = 'ot',
) {
  const team = { id: crypto.randomUUID(), slug, name: `Team ${slug}`, kind, createdAt: 0 };
  await db.insert(teams).values(team);
  if (members.length) {
    await db.insert(teamMembers).values(members.map((m) => ({ teamId: team.id, userId: m.id })));
  }
  if (managers.length) {
    await db.insert(teamManagers).values(managers.map((m) => ({ teamId: team.id, userId: m.id })));
  }
  return team;
}

/** Records a completion (or another outcome) through the learning record; returns the statement id. */
export async function recordOutcome(
  db: Database,
  learner: { id: string; displayName: string },
  activityId: string,
  options: { verb?: keyof typeof VERBS; at: number; score?: number },
): Promise<string> {
  const id = crypto.randomUUID();
  const result = await storeStatements(
    db,
    [
      {
        id,
        actor: userAgent(ORIGIN, learner.id, learner.displayName),
        verb: VERBS[options.verb ?? 'completed'],
        object: {
          objectType: 'Activity',
          id: activityId,
          definition: { type: ACTIVITY_TYPES.course },
        },
        timestamp: new Date(options.at).toISOString(),
        ...(options.score !== undefined
          ? { result: { completion: true, success: true, score: { scaled: options.score } } }
          : {}),
      },
    ],
    {
      authority: switchyardAuthority(ORIGIN),
      siteOrigin: ORIGIN,
      version: '1.0.3',
      now: options.at,
    },
  );
  if (!result.ok) throw new Error(result.message);
  return id;
}

/** Completes a course for a learner and issues its certificate, as the course engine would. */
export async function completeCourse(
  db: Database,
  learner: { id: string; displayName: string },
  course: string,
  at: number,
  score = 0.9,
): Promise<{ statementId: string; code: string }> {
  const statementId = await recordOutcome(db, learner, activityIds.course(ORIGIN, course), {
    at,
    score,
  });
  const code = generateCertificateCode();
  await db.insert(certificates).values({
    code,
    userId: learner.id,
    courseId: course,
    issuedAt: at,
    expiresAt: null,
    statementId,
  });
  return { statementId, code };
}

/** Counts SQL statements sent through a libSQL client (each statement of a batch counts). */
export function countStatements(client: Client): { count: () => number; restore: () => void } {
  let count = 0;
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  client.execute = ((...args: Parameters<Client['execute']>) => {
    count += 1;
    return execute(...args);
  }) as Client['execute'];
  client.batch = ((
    statements: Parameters<Client['batch']>[0],
    mode?: Parameters<Client['batch']>[1],
  ) => {
    count += statements.length;
    return batch(statements, mode);
  }) as Client['batch'];
  return {
    count: () => count,
    restore: () => {
      client.execute = execute;
      client.batch = batch;
    },
  };
}
