import type { Database } from '../../../../db/client.ts';
import { actorKey } from './actor-key.ts';
import type { Agent } from './agent-schema.ts';
import { putDocument, readDocument, type DocumentKey, type StoredDocument } from './documents.ts';

/**
 * Server code's access to xAPI documents, e.g. the LMS writing cmi5 LaunchData before a launch.
 * Writes here need no precondition: the server is the owner of what it writes.
 */

/** Where a State document lives. */
export interface StateAddress {
  activityId: string;
  agent: Agent;
  /** Registration UUID, if the state belongs to one. */
  registration?: string | undefined;
  stateId: string;
}

/** Where an Agent Profile document lives. */
export interface AgentProfileAddress {
  agent: Agent;
  profileId: string;
}

/** Content as server code has it: a JSON value (stored as application/json) or bytes with a type. */
export type ServerDocument = { json: unknown } | { contentType: string; content: Uint8Array };

function agentKeyOf(agent: Agent): string {
  const key = actorKey(agent);
  if (!key) throw new Error('an xAPI document needs an agent with an identifier');
  return key;
}

function stateKey(address: StateAddress): DocumentKey {
  return {
    kind: 'state',
    activityId: address.activityId,
    agentKey: agentKeyOf(address.agent),
    registration: address.registration?.toLowerCase() ?? '',
    documentId: address.stateId,
  };
}

function agentProfileKey(address: AgentProfileAddress): DocumentKey {
  return {
    kind: 'agent_profile',
    activityId: '',
    agentKey: agentKeyOf(address.agent),
    registration: '',
    documentId: address.profileId,
  };
}

function toBody(document: ServerDocument): { contentType: string; content: Buffer } {
  return 'json' in document
    ? { contentType: 'application/json', content: Buffer.from(JSON.stringify(document.json)) }
    : { contentType: document.contentType, content: Buffer.from(document.content) };
}

/** Writes (creates or replaces) a State document. */
export async function writeStateDocument(
  db: Database,
  address: StateAddress,
  document: ServerDocument,
): Promise<void> {
  await putDocument(db, stateKey(address), toBody(document));
}

/** Reads a State document, or null. */
export function readStateDocument(
  db: Database,
  address: StateAddress,
): Promise<StoredDocument | null> {
  return readDocument(db, stateKey(address));
}

/** Writes (creates or replaces) an Agent Profile document. */
export async function writeAgentProfileDocument(
  db: Database,
  address: AgentProfileAddress,
  document: ServerDocument,
): Promise<void> {
  await putDocument(db, agentProfileKey(address), toBody(document));
}

/** Reads an Agent Profile document, or null. */
export function readAgentProfileDocument(
  db: Database,
  address: AgentProfileAddress,
): Promise<StoredDocument | null> {
  return readDocument(db, agentProfileKey(address));
}
