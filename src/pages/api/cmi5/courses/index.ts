import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import { importFromRequest } from '../../../../lib/server/cmi5/course-actions.ts';
import { contentCatalogNames } from '../../../../lib/server/cmi5/catalog-names.ts';
import { authenticateLaunchCredential } from '../../../../lib/server/cmi5/launch-credential.ts';

/** Body limit of this route: CMI5_PACKAGE_LIMIT (64 MB), enforced while reading. */
export const POST: APIRoute = async ({ request, url }) => {
  const db = await getDb();
  const caller = await authenticateLaunchCredential(db, request);
  if (!caller.ok) return caller.response;
  const result = await importFromRequest(
    db,
    request,
    url,
    { credentialKey: caller.credential.key },
    await contentCatalogNames(),
  );
  if (!result.ok) {
    return Response.json(
      {
        message: result.message,
        ...(result.refusal
          ? {
              requirement: result.refusal.requirement,
              file: result.refusal.file,
              element: result.refusal.element,
            }
          : {}),
      },
      { status: result.status },
    );
  }
  return Response.json({ id: result.id, version: result.version }, { status: 201 });
};
