import type { APIRoute } from 'astro';
import { runCmi5Api } from '../../../../../../../lib/server/cmi5/api-route.ts';
import { apiLaunch } from '../../../../../../../lib/server/cmi5/launch-actions.ts';
import { siteOrigin } from '../../../../../../../lib/server/site-origin.ts';
import { recordBase } from '../../../../../../../lib/server/learning-record/record-base.ts';

/** Launches an AU for an actor: `{ actor, registration?, launchMode?, returnUrl? }` -> `{ url, registration, sessionId }`. */
export const POST: APIRoute = ({ request, params, url }) =>
  runCmi5Api(request, (db) =>
    apiLaunch(
      db,
      request,
      { courseId: params['id'] ?? '', index: params['index'] ?? '' },
      { publicOrigin: siteOrigin(url), recordOrigin: recordBase(db) },
    ),
  );
