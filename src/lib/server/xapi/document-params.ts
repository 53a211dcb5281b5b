import { z } from 'zod';
import { actorKey } from '../learning-record/actor-key.ts';
import { AgentSchema, issueMessage, type Agent } from '../learning-record/agent-schema.ts';
import type { DocumentKey, DocumentKind, DocumentScope } from '../learning-record/documents.ts';
import { isIri, isUuid, parseTimestamp } from '../learning-record/formats.ts';

/** What each document resource is addressed by. */
interface ResourceRules {
  path: string;
  hasActivity: boolean;
  hasAgent: boolean;
  hasRegistration: boolean;
  idName: 'stateId' | 'profileId';
}

/** The rules of /activities/state, /activities/profile and /agents/profile. */
export const DOCUMENT_RESOURCES: Record<DocumentKind, ResourceRules> = {
  state: {
    path: '/xapi/activities/state',
    hasActivity: true,
    hasAgent: true,
    hasRegistration: true,
    idName: 'stateId',
  },
  activity_profile: {
    path: '/xapi/activities/profile',
    hasActivity: true,
    hasAgent: false,
    hasRegistration: false,
    idName: 'profileId',
  },
  agent_profile: {
    path: '/xapi/agents/profile',
    hasActivity: false,
    hasAgent: true,
    hasRegistration: false,
    idName: 'profileId',
  },
};

/** A parsed document request: one document, or the documents of a scope. */
export type DocumentRequest =
  | { kind: 'single'; key: DocumentKey; agent: Agent | null }
  | { kind: 'multiple'; scope: DocumentScope; since: number | null; agent: Agent | null };

/** The parsed request, or a message a person can act on. */
export type DocumentParamsResult =
  { ok: true; request: DocumentRequest } | { ok: false; message: string };

const AGENT_EXAMPLE = '{"objectType":"Agent","mbox":"mailto:learner@example.com"}';

/** Parses the agent parameter: an Agent object as JSON. */
export function parseAgentParam(
  raw: string,
): { ok: true; agent: Agent } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      message: `agent must be an Agent object as JSON, such as ${AGENT_EXAMPLE}.`,
    };
  }
  const parsed = AgentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `.${issue.path.join('.')}` : '';
    return {
      ok: false,
      message: `agent${where}: ${issue ? issueMessage(issue) : 'invalid'} (send an Agent such as ${AGENT_EXAMPLE}).`,
    };
  }
  return { ok: true, agent: parsed.data };
}

/** Method-specific rules: which methods need the document id, and which may list or filter. */
function idIsRequired(kind: DocumentKind, method: string): boolean {
  if (method === 'PUT' || method === 'POST') return true;
  return method === 'DELETE' && kind !== 'state';
}

const DocumentIdSchema = z.string().min(1, 'must not be empty').max(2000, 'is too long');

/** Validates the query string of a document request for its resource and method. */
export function parseDocumentParams(
  kind: DocumentKind,
  method: string,
  search: URLSearchParams,
): DocumentParamsResult {
  const rules = DOCUMENT_RESOURCES[kind];
  const allowed = [
    ...(rules.hasActivity ? ['activityId'] : []),
    ...(rules.hasAgent ? ['agent'] : []),
    ...(rules.hasRegistration ? ['registration'] : []),
    rules.idName,
    ...(method === 'GET' || method === 'HEAD' ? ['since'] : []),
  ];
  const names = [...search.keys()];
  for (const name of names) {
    if (!allowed.includes(name)) {
      return {
        ok: false,
        message: `${method} ${rules.path} does not take the parameter "${name.slice(0, 60)}"; it takes ${allowed.join(', ')}.`,
      };
    }
    if (search.getAll(name).length > 1) return { ok: false, message: `${name} is given twice.` };
  }
  let activityId = '';
  if (rules.hasActivity) {
    const value = search.get('activityId');
    if (value === null)
      return { ok: false, message: `${rules.path} needs the activityId parameter.` };
    if (!isIri(value)) return { ok: false, message: 'activityId must be an absolute IRI.' };
    activityId = value;
  }
  let agent: Agent | null = null;
  if (rules.hasAgent) {
    const value = search.get('agent');
    if (value === null) return { ok: false, message: `${rules.path} needs the agent parameter.` };
    const parsed = parseAgentParam(value);
    if (!parsed.ok) return parsed;
    agent = parsed.agent;
  }
  let registration = '';
  const rawRegistration = search.get('registration');
  if (rawRegistration !== null) {
    if (!isUuid(rawRegistration)) return { ok: false, message: 'registration must be a UUID.' };
    registration = rawRegistration.toLowerCase();
  }
  const scope: DocumentScope = {
    kind,
    activityId,
    agentKey: agent ? (actorKey(agent) ?? '') : '',
    registration,
  };
  const rawId = search.get(rules.idName);
  if (rawId === null) {
    if (idIsRequired(kind, method)) {
      return { ok: false, message: `${method} ${rules.path} needs the ${rules.idName} parameter.` };
    }
    const rawSince = search.get('since');
    let since: number | null = null;
    if (rawSince !== null) {
      const parsed = parseTimestamp(rawSince);
      if (!parsed) return { ok: false, message: 'since must be an ISO 8601 timestamp.' };
      since = parsed.ms;
    }
    return { ok: true, request: { kind: 'multiple', scope, since, agent } };
  }
  const id = DocumentIdSchema.safeParse(rawId);
  if (!id.success) {
    return {
      ok: false,
      message: `${rules.idName} ${id.error.issues[0]?.message ?? 'is invalid'}.`,
    };
  }
  return { ok: true, request: { kind: 'single', key: { ...scope, documentId: id.data }, agent } };
}
