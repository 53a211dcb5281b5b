import { actorKey } from '../learning-record/actor-key.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { browserVerdictRefusal } from '../completion/trust.ts';
import type { StatementQuery } from '../learning-record/query-params.ts';
import { VOIDED_VERB, type Statement } from '../learning-record/statement-schema.ts';

/**
 * What a signed-in learner's browser may write: statements about themselves only, no voiding,
 * and no verdict, completion or score about a Switchyard activity (the trust table in
 * completion/trust.ts says which, and why): Switchyard grades on the server.
 */
export function learnerWritePolicy(agent: Agent, base: string) {
  const key = actorKey(agent);
  return (statements: readonly Statement[]): string | null => {
    for (const [index, statement] of statements.entries()) {
      const which = statements.length === 1 ? 'the statement' : `statements[${index}]`;
      if (actorKey(statement.actor) !== key) {
        return `You may record statements only about yourself: ${which} needs the actor ${JSON.stringify(agent)}.`;
      }
      if (statement.verb.id === VOIDED_VERB) {
        return 'Voiding statements needs an xAPI credential; ask an administrator.';
      }
      const refusal = browserVerdictRefusal(base, statement);
      if (refusal) return statements.length === 1 ? refusal : `${which}: ${refusal}`;
    }
    return null;
  };
}

/** Narrows a learner's query to their own statements, or says why it cannot be. */
export function restrictQueryToLearner(
  query: StatementQuery,
  params: Record<string, string>,
  agent: Agent,
): string | null {
  if (query.relatedAgents) {
    return 'Signed-in learners read only statements about themselves; related_agents is not available.';
  }
  if (query.agent && actorKey(query.agent) !== actorKey(agent)) {
    return 'Signed-in learners read only statements about themselves; leave out agent or give your own.';
  }
  query.agent = agent;
  params['agent'] = JSON.stringify({ account: agent.account });
  return null;
}
