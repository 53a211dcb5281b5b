import type { Database } from '../../../../db/client.ts';
import { getDb } from '../db.ts';
import type { XapiCredential } from '../xapi-credentials/credentials.ts';
import { authenticateLaunchCredential } from './launch-credential.ts';
import type { ApiAnswer } from './launch-actions.ts';

/** Runs a cmi5 API call for a `launch` credential; bad input never becomes a 500. */
export async function runCmi5Api(
  request: Request,
  handle: (db: Database, credential: XapiCredential) => Promise<ApiAnswer>,
): Promise<Response> {
  const db = await getDb();
  const caller = await authenticateLaunchCredential(db, request);
  if (!caller.ok) return caller.response;
  try {
    const answer = await handle(db, caller.credential);
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    console.error(
      `cmi5 api ${new URL(request.url).pathname} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return Response.json(
      { message: 'The request could not be completed; retrying is safe.' },
      { status: 500 },
    );
  }
}
