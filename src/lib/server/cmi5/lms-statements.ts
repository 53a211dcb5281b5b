import type { Database } from '../../../../db/client.ts';
import { now } from '../clock.ts';
import { switchyardAuthority } from '../completion/trust.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { storeStatements } from '../learning-record/store-statements.ts';
import { CMI5, CMI5_VERBS, type Cmi5Verb } from './cmi5-ids.ts';

/** A statement the LMS makes in a registration (cmi5 9.3: launched, abandoned, waived, satisfied). */
export interface LmsStatement {
  verb: Cmi5Verb;
  objectId: string;
  objectType?: string;
  name: string;
  sessionId: string;
  /** The publisher's AU id, for the grouping activity (cmi5 9.6.2.3). */
  publisherAuId?: string;
  result?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  hasMoveOnCategory?: boolean;
}

/** The xAPI statement for an LMS statement about `actor` in `registration`, stamped now. */
export function lmsStatement(actor: Agent, registration: string, draft: LmsStatement, at: number) {
  return {
    ...lmsStatementDraft(registration, draft),
    actor,
    timestamp: new Date(at).toISOString(),
  };
}

/** An LMS statement in `registration` without actor and timestamp, as the grading owner takes it. */
export function lmsStatementDraft(registration: string, draft: LmsStatement) {
  return {
    id: crypto.randomUUID(),
    verb: { id: CMI5_VERBS[draft.verb], display: { 'en-US': draft.verb } },
    object: {
      objectType: 'Activity' as const,
      id: draft.objectId,
      definition: {
        name: { 'en-US': draft.name },
        ...(draft.objectType ? { type: draft.objectType } : {}),
      },
    },
    ...(draft.result ? { result: draft.result } : {}),
    context: {
      registration,
      contextActivities: {
        category: [
          { id: CMI5.category },
          ...(draft.hasMoveOnCategory ? [{ id: CMI5.moveOnCategory }] : []),
        ],
        ...(draft.publisherAuId ? { grouping: [{ id: draft.publisherAuId }] } : {}),
      },
      extensions: { [CMI5.sessionId]: draft.sessionId, ...draft.extensions },
    },
  };
}

/** Stores LMS statements under Switchyard's own authority; returns their ids. */
export async function recordLmsStatements(
  db: Database,
  origin: string,
  actor: Agent,
  registration: string,
  drafts: LmsStatement[],
): Promise<string[]> {
  if (drafts.length === 0) return [];
  const at = now();
  const result = await storeStatements(
    db,
    drafts.map((draft) => lmsStatement(actor, registration, draft, at)),
    {
      authority: switchyardAuthority(origin, 'imported-content'),
      siteOrigin: origin,
      version: '2.0.0',
      now: at,
    },
  );
  if (!result.ok)
    throw new Error(`the learning record refused a cmi5 LMS statement: ${result.message}`);
  return result.ids;
}
