import type { Database } from '../../../../db/client.ts';
import { now } from '../clock.ts';
import { storeStatements } from '../learning-record/store.ts';
import { systemAuthority, userAgent } from '../learning-record/actor-key.ts';
import { canonicalOrigin } from '../site-origin.ts';

/** The learner a server-side statement is about. */
export interface Learner {
  id: string;
  displayName: string;
}

/** A statement without actor, id or timestamp: the parts a feature decides. */
export interface StatementDraft {
  verb: { id: string; display: Record<string, string> };
  object: {
    objectType?: 'Activity';
    id: string;
    definition?: {
      type?: string;
      name?: Record<string, string>;
      description?: Record<string, string>;
    };
  };
  result?: {
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
    success?: boolean;
    completion?: boolean;
    response?: string;
    duration?: string;
  };
  context?: {
    registration?: string;
    contextActivities?: { parent?: { id: string }[]; grouping?: { id: string }[] };
  };
}

/** Records statements about a learner, asserted by Switchyard itself after server-side grading. */
export async function recordForLearner(
  db: Database,
  learner: Learner,
  drafts: StatementDraft[],
): Promise<string[]> {
  const origin = canonicalOrigin();
  const actor = userAgent(origin, learner.id, learner.displayName);
  const timestamp = new Date(now()).toISOString();
  const statements = drafts.map((draft) => ({
    id: crypto.randomUUID(),
    actor,
    timestamp,
    ...draft,
  }));
  const result = await storeStatements(db, statements, {
    authority: systemAuthority(origin),
    siteOrigin: origin,
    version: '1.0.3',
    now: now(),
  });
  if (!result.ok) throw new Error(`learning record refused a server statement: ${result.message}`);
  return result.ids;
}
