import type { Database } from '../../db/client.ts';
import { createUser, type NewUser } from '../../src/lib/server/auth/user.ts';
import { createSession, sessionPolicy } from '../../src/lib/server/auth/session.ts';
import { runCli } from './http.ts';

/** A password that passes the policy, for tests. */
export const TEST_PASSWORD = 'grid-operator-learns-sql';

let counter = 0;

/** Creates a user with the test password; fields default to a learner in OT. */
export async function addUser(db: Database, overrides: Partial<NewUser> = {}) {
  counter += 1;
  const result = await createUser(
    db,
    {
      email: `person${counter}-${Date.now()}@utility.example`,
      displayName: `Person ${counter}`,
      role: 'learner',
      department: 'ot',
      jobTitle: 'Technician',
      ...overrides,
    },
    TEST_PASSWORD,
  );
  if (!result.ok) throw new Error(result.reason);
  return result.user;
}

/** Creates a session for a user with the default policy and returns its cookie token. */
export async function signInAs(db: Database, userId: string): Promise<string> {
  const { token } = await createSession(db, userId, sessionPolicy(7, 30));
  return token;
}

/** A person as `switchyard user add` takes them; the password goes in on standard input. */
export interface CliPerson {
  email: string;
  name: string;
  role: 'learner' | 'manager' | 'admin';
  password: string;
  department?: 'it' | 'ot' | 'other';
  title?: string;
  /** The slug of a team to join as a member. */
  team?: string;
}

/** Adds a person through `switchyard user add … --password-stdin`; a failed command throws. */
export function addPersonByCli(databaseUrl: string, person: CliPerson): void {
  const args = ['user', 'add', '--email', person.email, '--name', person.name];
  args.push('--role', person.role);
  if (person.department) args.push('--department', person.department);
  if (person.title) args.push('--title', person.title);
  if (person.team) args.push('--team', person.team);
  const result = runCli(databaseUrl, [...args, '--password-stdin'], person.password);
  if (result.status !== 0) {
    throw new Error(
      `switchyard user add ${person.email} exited ${result.status}: ${result.stderr}`,
    );
  }
}
