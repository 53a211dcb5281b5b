import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import {
  VERIFIED_CREDENTIAL_MS,
  createXapiCredential,
  revokeXapiCredential,
  verifyXapiCredential,
} from '../../../src/lib/server/xapi-credentials/credentials.ts';
import { createTestDatabase } from '../../helpers/database.ts';

let db: Database;
let url: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, url, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

describe('verifyXapiCredential', () => {
  test('refuses a wrong secret while the credential is remembered', async () => {
    const credential = await createXapiCredential(db, { name: 'LMS', scope: 'write' });
    expect(await verifyXapiCredential(db, credential.key, credential.secret)).toMatchObject({
      key: credential.key,
      scope: 'write',
    });
    expect(await verifyXapiCredential(db, credential.key, `${credential.secret}x`)).toBeNull();
    expect(await verifyXapiCredential(db, credential.key, '')).toBeNull();
    expect(await verifyXapiCredential(db, credential.key, credential.secret)).not.toBeNull();
  });

  test('refuses a credential revoked in this process at once', async () => {
    const credential = await createXapiCredential(db, { name: 'Feed', scope: 'all' });
    expect(await verifyXapiCredential(db, credential.key, credential.secret)).not.toBeNull();
    expect(await revokeXapiCredential(db, credential.key)).toBe(true);
    expect(await verifyXapiCredential(db, credential.key, credential.secret)).toBeNull();
    expect(await revokeXapiCredential(db, credential.key)).toBe(false);
  });

  test('refuses a credential another process revoked once the remembered row expires', async () => {
    const credential = await createXapiCredential(db, { name: 'Headsets', scope: 'write' });
    expect(await verifyXapiCredential(db, credential.key, credential.secret)).not.toBeNull();
    const other = await openDatabase({ url });
    try {
      await other.$client.execute({
        sql: 'UPDATE xapi_credentials SET revoked_at = ? WHERE key = ?',
        args: [Date.now(), credential.key],
      });
    } finally {
      other.$client.close();
    }
    await new Promise((resolve) => setTimeout(resolve, VERIFIED_CREDENTIAL_MS + 50));
    expect(await verifyXapiCredential(db, credential.key, credential.secret)).toBeNull();
  });

  test('accepts a credential created after its key was refused', async () => {
    expect(await verifyXapiCredential(db, 'xk_unknown', 'secret')).toBeNull();
    const credential = await createXapiCredential(db, { name: 'Late', scope: 'read' });
    expect(await verifyXapiCredential(db, credential.key, credential.secret)).not.toBeNull();
  });
});
