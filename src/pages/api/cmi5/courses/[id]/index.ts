import type { APIRoute } from 'astro';
import { getDb } from '../../../../../lib/server/db.ts';
import { withdrawImportedCourse } from '../../../../../lib/server/cmi5/course-actions.ts';
import { authenticateLaunchCredential } from '../../../../../lib/server/cmi5/launch-credential.ts';

/** Withdraws an imported course: no new launches; its records and evidence stay. */
export const DELETE: APIRoute = async ({ request, params }) => {
  const db = await getDb();
  const caller = await authenticateLaunchCredential(db, request);
  if (!caller.ok) return caller.response;
  const id = params['id'] ?? '';
  const isWithdrawn = await withdrawImportedCourse(db, id, {
    userId: null,
    credentialKey: caller.credential.key,
  });
  return isWithdrawn
    ? new Response(null, { status: 204 })
    : Response.json(
        { message: `There is no imported course "${id}" to withdraw.` },
        { status: 404 },
      );
};
