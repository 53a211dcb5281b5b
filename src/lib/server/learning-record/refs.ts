import type { Actor } from './agent-schema.ts';
import { actorKeysWithMembers } from './actor-key.ts';
import type { Statement, SubStatement } from './statement-schema.ts';

/** The filters a query can apply; each is a kind of row in statement_refs. */
export const REF_KINDS = [
  'agent',
  'related_agent',
  'verb',
  'activity',
  'related_activity',
  'registration',
] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** One filter key of a statement, e.g. { kind: 'verb', ref: 'http://...completed' }. */
export interface Ref {
  kind: RefKind;
  ref: string;
}

function objectActor(object: Statement['object'] | SubStatement['object']): Actor | null {
  return object.objectType === 'Agent' || object.objectType === 'Group' ? (object as Actor) : null;
}

function objectActivityId(object: Statement['object'] | SubStatement['object']): string | null {
  const type = object.objectType ?? 'Activity';
  return type === 'Activity' && 'id' in object ? object.id : null;
}

/** Agents and activities a statement or sub-statement mentions, for the related_* filters. */
function collectRelated(
  statement: Statement | SubStatement,
  agents: Set<string>,
  activities: Set<string>,
): void {
  for (const key of actorKeysWithMembers(statement.actor)) agents.add(key);
  const asActor = objectActor(statement.object);
  if (asActor) for (const key of actorKeysWithMembers(asActor)) agents.add(key);
  const activityId = objectActivityId(statement.object);
  if (activityId) activities.add(activityId);
  const context = statement.context;
  if (context) {
    const people: Actor[] = [
      ...(context.instructor ? [context.instructor] : []),
      ...(context.team ? [context.team] : []),
      ...(context.contextAgents ?? []).map((entry) => entry.agent),
      ...(context.contextGroups ?? []).map((entry) => entry.group),
    ];
    for (const person of people) for (const key of actorKeysWithMembers(person)) agents.add(key);
    const lists = context.contextActivities ?? {};
    for (const list of [lists.parent, lists.grouping, lists.category, lists.other]) {
      for (const activity of list ?? []) activities.add(activity.id);
    }
  }
  if (statement.object.objectType === 'SubStatement') {
    collectRelated(statement.object as SubStatement, agents, activities);
  }
}

/** Every filter key a statement matches on its own (a targeted statement's keys come on top). */
export function statementRefs(statement: Statement): Ref[] {
  const refs: Ref[] = [];
  const narrowAgents = new Set(actorKeysWithMembers(statement.actor));
  const asActor = objectActor(statement.object);
  if (asActor) for (const key of actorKeysWithMembers(asActor)) narrowAgents.add(key);
  for (const ref of narrowAgents) refs.push({ kind: 'agent', ref });

  const agents = new Set<string>();
  const activities = new Set<string>();
  collectRelated(statement, agents, activities);
  if (statement.authority) {
    for (const key of actorKeysWithMembers(statement.authority)) agents.add(key);
  }
  for (const ref of agents) refs.push({ kind: 'related_agent', ref });
  for (const ref of activities) refs.push({ kind: 'related_activity', ref });

  refs.push({ kind: 'verb', ref: statement.verb.id });
  const activityId = objectActivityId(statement.object);
  if (activityId) refs.push({ kind: 'activity', ref: activityId });
  const registration = statement.context?.registration;
  if (registration) refs.push({ kind: 'registration', ref: registration });
  return refs;
}
