import { createHash } from 'node:crypto';
import type { Actor } from './agent-schema.ts';
import { parseTimestamp } from './formats.ts';
import type { Statement, SubStatement } from './statement-schema.ts';

/** JSON with object keys sorted, so equal values always serialise the same way. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function comparableActor(actor: Actor): unknown {
  const copy: Record<string, unknown> = { ...actor, objectType: actor.objectType ?? 'Agent' };
  if (actor.mbox) {
    const at = actor.mbox.lastIndexOf('@');
    copy['mbox'] = actor.mbox.slice(0, at) + actor.mbox.slice(at).toLowerCase();
  }
  if (actor.mbox_sha1sum) copy['mbox_sha1sum'] = actor.mbox_sha1sum.toLowerCase();
  if (actor.objectType === 'Group' && actor.member) {
    // Group members are an unordered list.
    copy['member'] = actor.member.map((member) => canonicalJson(comparableActor(member))).sort();
  }
  return copy;
}

function comparableInstant(timestamp: string | undefined): string | undefined {
  if (timestamp === undefined) return undefined;
  const parsed = parseTimestamp(timestamp);
  return parsed ? `${parsed.ms}.${parsed.subMs}` : timestamp;
}

function comparableObject(object: Statement['object'] | SubStatement['object']): unknown {
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity' && 'id' in object) return { objectType: 'Activity', id: object.id };
  if (type === 'Agent' || type === 'Group') return comparableActor(object as Actor);
  if (type === 'SubStatement') return comparableCore(object as SubStatement);
  return object;
}

function comparableCore(statement: Statement | SubStatement): Record<string, unknown> {
  const { context } = statement;
  const activityIds = (list: { id: string }[] | undefined) => list?.map(({ id }) => id);
  return {
    objectType: 'objectType' in statement ? statement.objectType : undefined,
    actor: comparableActor(statement.actor),
    verb: statement.verb.id,
    object: comparableObject(statement.object),
    result: statement.result,
    timestamp: comparableInstant(statement.timestamp),
    context: context && {
      ...context,
      instructor: context.instructor && comparableActor(context.instructor),
      team: context.team && comparableActor(context.team),
      contextActivities: context.contextActivities && {
        parent: activityIds(context.contextActivities.parent),
        grouping: activityIds(context.contextActivities.grouping),
        category: activityIds(context.contextActivities.category),
        other: activityIds(context.contextActivities.other),
      },
      contextAgents: context.contextAgents?.map((entry) => ({
        ...entry,
        agent: comparableActor(entry.agent),
      })),
      contextGroups: context.contextGroups?.map((entry) => ({
        ...entry,
        group: comparableActor(entry.group),
      })),
    },
  };
}

/**
 * A hash of what makes two statements "the same" under the spec's comparison rules: it ignores
 * what the record assigns (id, stored, authority, version), activity definitions, verb display,
 * attachments, the serialisation of timestamps and e-mail domains, and the order of group members.
 */
export function statementFingerprint(statement: Statement): string {
  return createHash('sha256')
    .update(canonicalJson(comparableCore(statement)))
    .digest('base64url');
}
