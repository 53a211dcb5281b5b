import { actorKey } from '../learning-record/actor-key.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { jsonWithEtag } from './activities-endpoint.ts';
import { parseAgentParam } from './document-params.ts';
import { xapiError } from './protocol.ts';
import { runXapi, type XapiRequest } from './xapi-request.ts';

/** The Person object of an agent: each property an array. Switchyard knows no other persona of it. */
export function personOf(agent: Agent): Record<string, unknown> {
  return {
    objectType: 'Person',
    ...(agent.name !== undefined ? { name: [agent.name] } : {}),
    ...(agent.mbox !== undefined ? { mbox: [agent.mbox] } : {}),
    ...(agent.mbox_sha1sum !== undefined ? { mbox_sha1sum: [agent.mbox_sha1sum] } : {}),
    ...(agent.openid !== undefined ? { openid: [agent.openid] } : {}),
    ...(agent.account !== undefined ? { account: [agent.account] } : {}),
  };
}

/** GET /xapi/agents?agent=: the Person object for an agent. */
export function handleAgents(sent: XapiRequest): Promise<Response> {
  return runXapi(sent, { methods: ['GET', 'HEAD'], path: '/xapi/agents' }, async (call, input) => {
    const params = input.url.searchParams;
    const unknown = [...params.keys()].find((name) => name !== 'agent');
    if (unknown !== undefined) {
      return xapiError(
        400,
        `GET /xapi/agents takes only agent, not "${unknown.slice(0, 60)}".`,
        call.version,
      );
    }
    const raw = params.get('agent');
    if (raw === null || params.getAll('agent').length !== 1) {
      return xapiError(400, 'GET /xapi/agents needs one agent parameter.', call.version);
    }
    const parsed = parseAgentParam(raw);
    if (!parsed.ok) return xapiError(400, parsed.message, call.version);
    const { principal } = call;
    if (principal.kind === 'learner' && actorKey(parsed.agent) !== principal.key) {
      return xapiError(403, 'Signed-in learners may look up only their own agent.', call.version);
    }
    return jsonWithEtag(
      JSON.stringify(personOf(parsed.agent)),
      call.version,
      call.method === 'HEAD',
    );
  });
}
