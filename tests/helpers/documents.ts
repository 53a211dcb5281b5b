import { xapiFetch, type Credential, type XapiRequestOptions } from './xapi.ts';

/** One xAPI document resource as tests address it. */
export interface DocumentResource {
  kind: 'state' | 'activity_profile' | 'agent_profile';
  name: string;
  path: string;
  idName: 'stateId' | 'profileId';
  /** Fresh query parameters naming one document (a new activity or agent every call). */
  params: (agent?: Record<string, unknown>) => Record<string, string>;
}

const agentOf = (tag: string) => ({ objectType: 'Agent', mbox: `mailto:${tag}@utility.example` });

/** The three document resources, with builders of fresh document addresses. */
export const DOCUMENT_RESOURCES: DocumentResource[] = [
  {
    kind: 'state',
    name: 'State',
    path: '/xapi/activities/state',
    idName: 'stateId',
    params: (agent) => ({
      activityId: `https://switchyard.example/activities/${crypto.randomUUID()}`,
      agent: JSON.stringify(agent ?? agentOf(crypto.randomUUID().slice(0, 8))),
      stateId: 'bookmark',
    }),
  },
  {
    kind: 'activity_profile',
    name: 'Activity Profile',
    path: '/xapi/activities/profile',
    idName: 'profileId',
    params: () => ({
      activityId: `https://switchyard.example/activities/${crypto.randomUUID()}`,
      profileId: 'settings',
    }),
  },
  {
    kind: 'agent_profile',
    name: 'Agent Profile',
    path: '/xapi/agents/profile',
    idName: 'profileId',
    params: (agent) => ({
      agent: JSON.stringify(agent ?? agentOf(crypto.randomUUID().slice(0, 8))),
      profileId: 'preferences',
    }),
  },
];

/** The params without the document id: the scope a multiple-document request addresses. */
export function scopeOf(resource: DocumentResource, params: Record<string, string>) {
  const copy = { ...params };
  delete copy[resource.idName];
  return copy;
}

/** Sends a request to a document resource. */
export function documentFetch(
  baseUrl: string,
  method: string,
  resource: DocumentResource,
  params: Record<string, string>,
  options: XapiRequestOptions & { credential?: Credential } = {},
): Promise<Response> {
  return xapiFetch(baseUrl, method, `${resource.path}?${new URLSearchParams(params)}`, options);
}
