import type { z } from 'zod';
import { issueMessage } from './agent-schema.ts';
import { StatementSchema, type Statement } from './statement-schema.ts';

/** The xAPI versions Switchyard speaks, newest last. */
export const XAPI_VERSIONS = ['1.0.3', '2.0.0'] as const;
export type XapiVersion = (typeof XAPI_VERSIONS)[number];

/** Either the parsed statements or one message naming what is wrong and where. */
export type ParseResult = { ok: true; statements: Statement[] } | { ok: false; message: string };

/** Writes a zod path as a reader would: statements[2].actor.account.homePage. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  }
  return text;
}

/** The first issue of a failed parse as one line. */
export function describeIssue(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix}: invalid`;
  const where = formatPath([...issue.path]);
  return `${prefix}${where ? (where.startsWith('[') ? where : `.${where}`) : ''}: ${issueMessage(issue)}`;
}

/** Rules that depend on the version in use rather than on the shape alone. */
function checkVersionRules(
  statement: Statement,
  version: XapiVersion,
  receivedHashes: ReadonlySet<string>,
): string | null {
  const effective = statement.version ?? version;
  const sub = statement.object.objectType === 'SubStatement' ? statement.object : null;
  const parts = [{ where: '', core: statement }, ...(sub ? [{ where: 'object.', core: sub }] : [])];
  for (const { where, core } of parts) {
    const context = core.context;
    if (effective.startsWith('1.') && (context?.contextAgents || context?.contextGroups)) {
      return `${where}context.contextAgents and ${where}context.contextGroups need xAPI 2.0.0 (send X-Experience-API-Version: 2.0.0)`;
    }
    const withoutData =
      core.attachments?.findIndex(
        (attachment) => !attachment.fileUrl && !receivedHashes.has(attachment.sha2.toLowerCase()),
      ) ?? -1;
    if (withoutData >= 0) {
      return `${where}attachments[${withoutData}] has neither a fileUrl nor a multipart/mixed part whose X-Experience-API-Hash is its sha2`;
    }
  }
  return null;
}

/**
 * Validates raw statements (parsed JSON); the first problem rejects them all. `receivedHashes`
 * are the SHA-2 hashes (lower case) of attachment data sent with them.
 */
export function parseStatements(
  inputs: readonly unknown[],
  version: XapiVersion,
  receivedHashes: ReadonlySet<string> = new Set(),
): ParseResult {
  const statements: Statement[] = [];
  const single = inputs.length === 1;
  for (const [index, input] of inputs.entries()) {
    const prefix = single ? 'statement' : `statements[${index}]`;
    const result = StatementSchema.safeParse(input);
    if (!result.success) return { ok: false, message: describeIssue(result.error, prefix) };
    const problem = checkVersionRules(result.data, version, receivedHashes);
    if (problem) return { ok: false, message: `${prefix}: ${problem}` };
    statements.push(result.data);
  }
  const ids = statements.flatMap((statement) => (statement.id ? [statement.id] : []));
  if (new Set(ids).size !== ids.length) {
    return { ok: false, message: 'the batch holds two statements with the same id' };
  }
  return { ok: true, statements };
}
