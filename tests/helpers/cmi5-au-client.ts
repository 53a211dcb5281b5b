/** A cmi5 AU played from Node, as the test AU does in a browser: launch URL in, statements out. */

const CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const ADL = 'http://adlnet.gov/expapi/verbs/';

/** The launch parameters of a launch URL (cmi5 8.1). */
export function launchParams(url: string) {
  const params = new URL(url).searchParams;
  return {
    endpoint: params.get('endpoint') ?? '',
    fetch: params.get('fetch') ?? '',
    actor: JSON.parse(params.get('actor') ?? 'null') as Record<string, unknown>,
    registration: params.get('registration') ?? '',
    activityId: params.get('activityId') ?? '',
  };
}

/** An AU session from Node: fetches its token and sends statements with the context template. */
export async function startAu(launchUrl: string) {
  const launch = launchParams(launchUrl);
  const token = (await (await fetch(launch.fetch, { method: 'POST' })).json()) as Record<
    string,
    string
  >;
  const headers = {
    Authorization: `Basic ${token['auth-token']}`,
    'X-Experience-API-Version': '1.0.3',
  };
  const query = new URLSearchParams({
    stateId: 'LMS.LaunchData',
    activityId: launch.activityId,
    agent: JSON.stringify(launch.actor),
    registration: launch.registration,
  });
  const state = await fetch(`${launch.endpoint}activities/state?${query}`, { headers });
  const launchData = (await state.json()) as {
    contextTemplate: {
      extensions: Record<string, string>;
      contextActivities: Record<string, unknown>;
    };
    launchMode: string;
    moveOn: string;
    masteryScore?: number;
  };
  const statement = (verb: string, extra: Record<string, unknown> = {}) => {
    const result = extra['result'] as Record<string, unknown> | undefined;
    const isVerdict = result && ('success' in result || 'completion' in result);
    return {
      id: crypto.randomUUID(),
      actor: launch.actor,
      verb: { id: `${ADL}${verb}` },
      object: { id: launch.activityId },
      context: {
        ...launchData.contextTemplate,
        registration: launch.registration,
        contextActivities: {
          ...launchData.contextTemplate.contextActivities,
          category: [{ id: CATEGORY }, ...(isVerdict ? [{ id: MOVEON }] : [])],
        },
        ...(extra['context'] as object),
      },
      timestamp: new Date().toISOString(),
      ...extra,
    };
  };
  const send = (body: unknown, authorization = headers.Authorization) =>
    fetch(`${launch.endpoint}statements`, {
      method: 'POST',
      headers: { ...headers, Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { launch, token, headers, launchData, statement, send, stateStatus: state.status };
}
