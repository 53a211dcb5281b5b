import type { Actor } from './agent-schema.ts';
import { actorKey, userIdOf } from './actor-key.ts';
import { statementFingerprint } from './fingerprint.ts';
import { parseTimestamp } from './formats.ts';
import { statementRefs, type Ref } from './refs.ts';
import { VOIDED_VERB, type Statement } from './statement-schema.ts';
import type { XapiVersion } from './validate.ts';

/** A validated statement with everything the store needs, before `stored` is known. */
export interface PreparedStatement {
  id: string;
  statement: Statement;
  fingerprint: string;
  actorKey: string;
  verb: string;
  objectId: string;
  voidsId: string | null;
  targetId: string | null;
  /** The user id the actor names under the Switchyard convention (checked against users later). */
  userCandidate: string | null;
  registration: string | null;
  /** The statement's own timestamp in ms, or null when the record must set it to `stored`. */
  timestamp: number | null;
  /** Filter keys the statement matches on its own. */
  refs: Ref[];
}

/** What the record stamps on each statement. */
export interface StampOptions {
  authority: Actor;
  /** The xAPI version of the request; sets `version` when the statement has none. */
  version: XapiVersion;
  /** The site's origin, to recognise Switchyard users' agents; any origin when absent. */
  siteOrigin?: string | undefined;
}

function objectKey(statement: Statement, id: string): string {
  const object = statement.object;
  switch (object.objectType) {
    case 'Agent':
    case 'Group':
      return actorKey(object as Actor) ?? `group:${id}:object`;
    case 'StatementRef':
      return object.id;
    case 'SubStatement':
      return `substatement:${id}`;
    default:
      return 'id' in object ? object.id : (actorKey(object as Actor) ?? `group:${id}:object`);
  }
}

/** Assigns the id (when absent), the authority and the version, and works out the indexed columns. */
export function prepareStatement(input: Statement, options: StampOptions): PreparedStatement {
  const id = input.id ?? crypto.randomUUID();
  const statement: Statement = {
    ...input,
    id,
    authority: options.authority,
    version: input.version ?? (options.version.startsWith('2.') ? '2.0.0' : '1.0.0'),
  };
  const isStatementRef = statement.object.objectType === 'StatementRef';
  const targetId = isStatementRef ? (statement.object as { id: string }).id : null;
  return {
    id,
    statement,
    fingerprint: statementFingerprint(statement),
    actorKey: actorKey(statement.actor) ?? `group:${id}`,
    verb: statement.verb.id,
    objectId: objectKey(statement, id),
    voidsId: statement.verb.id === VOIDED_VERB ? targetId : null,
    targetId,
    userCandidate: userIdOf(statement.actor, options.siteOrigin),
    registration: statement.context?.registration ?? null,
    timestamp: statement.timestamp ? (parseTimestamp(statement.timestamp)?.ms ?? null) : null,
    refs: statementRefs(statement),
  };
}

/** The statement as stored and returned: properties in the spec's order, stamped by the record. */
export function storedBody(prepared: PreparedStatement, storedMs: number): string {
  const { id, actor, verb, object, result, context, timestamp, authority, version, attachments } =
    prepared.statement;
  const stored = new Date(storedMs).toISOString();
  return JSON.stringify({
    id,
    actor,
    verb,
    object,
    result,
    context,
    timestamp: timestamp ?? stored,
    stored,
    authority,
    version,
    attachments,
  });
}
