import type { Database } from '../../db/client.ts';
import { createUser, type NewUser } from '../../src/lib/server/auth/user.ts';
import { createSession, sessionPolicy } from '../../src/lib/server/auth/session.ts';

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
