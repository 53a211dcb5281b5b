import { canonicalActivity } from '../learning-record/activity-definition.ts';
import { documentEtag } from '../learning-record/documents.ts';
import { isIri } from '../learning-record/formats.ts';
import type { XapiVersion } from '../learning-record/validate.ts';
import { xapiError, xapiHeaders } from './protocol.ts';
import { runXapi, type XapiRequest } from './xapi-request.ts';

/** A JSON GET answer with an ETag; HEAD gets the same headers and no body. */
export function jsonWithEtag(body: string, version: XapiVersion, isHead: boolean): Response {
  const headers = xapiHeaders(version, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: `"${documentEtag(Buffer.from(body))}"`,
  });
  return new Response(isHead ? null : body, { status: 200, headers });
}

/** GET /xapi/activities?activityId=: the canonical definition of an activity. */
export function handleActivities(sent: XapiRequest): Promise<Response> {
  return runXapi(
    sent,
    { methods: ['GET', 'HEAD'], path: '/xapi/activities' },
    async (call, input) => {
      const params = input.url.searchParams;
      const unknown = [...params.keys()].find((name) => name !== 'activityId');
      if (unknown !== undefined) {
        return xapiError(
          400,
          `GET /xapi/activities takes only activityId, not "${unknown.slice(0, 60)}".`,
          call.version,
        );
      }
      const activityId = params.get('activityId');
      if (params.getAll('activityId').length !== 1 || activityId === null || !isIri(activityId)) {
        return xapiError(
          400,
          'GET /xapi/activities needs one activityId, an absolute IRI.',
          call.version,
        );
      }
      const activity = await canonicalActivity(call.db, activityId, call.siteOrigin);
      return jsonWithEtag(JSON.stringify(activity), call.version, call.method === 'HEAD');
    },
  );
}
