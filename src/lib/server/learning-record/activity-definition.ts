import type { Database } from '../../../../db/client.ts';
import type { ActivityDefinition } from './activity-schema.ts';
import { isPlainObject } from './formats.ts';

/** How many of an activity's latest statements its canonical definition is merged from. */
const MERGED_STATEMENTS = 200;

type Json = Record<string, unknown>;

/** Merges a later definition over an earlier one: language maps and extensions per key, the rest replaced. */
function mergeDefinitions(earlier: Json, later: Json): Json {
  const merged: Json = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    const before = merged[key];
    const isMap = ['name', 'description', 'extensions'].includes(key);
    merged[key] =
      isMap && isPlainObject(before) && isPlainObject(value) ? { ...before, ...value } : value;
  }
  return merged;
}

/**
 * The canonical Activity object for an id: the definitions of its latest statements merged, oldest
 * first, counting only statements the record trusts (asserted by a credential or by Switchyard,
 * not by a learner's browser, whose authority is the learner's own account at `siteOrigin`).
 */
export async function canonicalActivity(
  db: Database,
  activityId: string,
  siteOrigin: string,
): Promise<{ objectType: 'Activity'; id: string; definition?: ActivityDefinition }> {
  const result = await db.$client.execute({
    sql: `SELECT s.body FROM statement_refs r JOIN statements s ON s.seq = r.seq
          WHERE r.ref = ? AND r.kind = 'activity' AND s.object_id = ?
          ORDER BY r.seq DESC LIMIT ?`,
    args: [activityId, activityId, MERGED_STATEMENTS],
  });
  let definition: Json | null = null;
  for (const row of [...result.rows].reverse()) {
    const statement = JSON.parse(String(row['body'])) as Json;
    const authority = statement['authority'] as { account?: { homePage?: string } } | undefined;
    if (authority?.account?.homePage === siteOrigin) continue;
    const object = statement['object'] as Json | undefined;
    const next = object?.['definition'];
    if (isPlainObject(next)) definition = mergeDefinitions(definition ?? {}, next);
  }
  return {
    objectType: 'Activity',
    id: activityId,
    ...(definition ? { definition: definition as ActivityDefinition } : {}),
  };
}
