import type { APIRoute } from 'astro';
import { runCmi5Api } from '../../../../../../../lib/server/cmi5/api-route.ts';
import { waiveByRequest } from '../../../../../../../lib/server/cmi5/launch-actions.ts';
import { recordBase } from '../../../../../../../lib/server/learning-record/record-base.ts';

/** Waives an AU in a registration: `{ reason }`; audit-logged and shown in the evidence export. */
export const POST: APIRoute = ({ request, params }) =>
  runCmi5Api(request, (db, credential) =>
    waiveByRequest(
      db,
      request,
      { registration: params['registration'] ?? '', index: params['index'] ?? '' },
      { origin: recordBase(db), actorId: null, credentialKey: credential.key },
    ),
  );
