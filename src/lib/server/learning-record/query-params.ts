import { z } from 'zod';
import { ActorSchema, type Actor } from './agent-schema.ts';
import { actorKey } from './actor-key.ts';
import { IriSchema, TimestampSchema, UuidSchema, parseTimestamp } from './formats.ts';
import { describeIssue } from './validate.ts';

/** Statement formats a reader may ask for. */
export type StatementFormat = 'ids' | 'exact' | 'canonical';

/** A query of the learning record, as the GET /xapi/statements parameters describe it. */
export interface StatementQuery {
  agent?: Actor;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedActivities: boolean;
  relatedAgents: boolean;
  /** Stored strictly after this many ms since the epoch. */
  since?: number;
  /** Stored at or before this many ms since the epoch. */
  until?: number;
  /** Statements per page; 0 means the server's maximum. */
  limit: number;
  ascending: boolean;
  format: StatementFormat;
  attachments: boolean;
}

/** A request for one statement, by id (voided ones are reached only by voidedStatementId). */
export interface SingleStatementRequest {
  id: string;
  isVoided: boolean;
  format: StatementFormat;
  attachments: boolean;
}

/** What the parameters asked for: one statement, a query, a next page, or why they are wrong. */
export type ParsedParams =
  | { kind: 'single'; request: SingleStatementRequest }
  | { kind: 'query'; query: StatementQuery; params: Record<string, string> }
  | { kind: 'more'; token: string }
  | { kind: 'invalid'; message: string };

const bool = (name: string) =>
  z
    .enum(['true', 'false'], { message: `${name} must be true or false` })
    .transform((v) => v === 'true');
const format = z.enum(['ids', 'exact', 'canonical'], {
  message: 'format must be ids, exact or canonical',
});

const agentParam = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an Agent or Group as JSON' });
      return z.NEVER;
    }
  })
  .pipe(ActorSchema)
  .refine((actor) => actorKey(actor) !== null, 'must identify one Agent or Group (an IFI)');

const toMs = (value: string) => parseTimestamp(value)?.ms ?? 0;

const QueryParamsSchema = z.strictObject({
  agent: agentParam.optional(),
  verb: IriSchema.optional(),
  activity: IriSchema.optional(),
  registration: UuidSchema.optional(),
  related_activities: bool('related_activities').optional(),
  related_agents: bool('related_agents').optional(),
  since: TimestampSchema.transform(toMs).optional(),
  until: TimestampSchema.transform(toMs).optional(),
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'limit must be a whole number, 0 or more')
    .transform(Number)
    .optional(),
  ascending: bool('ascending').optional(),
  format: format.optional(),
  attachments: bool('attachments').optional(),
});

const SingleParamsSchema = z.strictObject({
  statementId: UuidSchema.optional(),
  voidedStatementId: UuidSchema.optional(),
  format: format.optional(),
  attachments: bool('attachments').optional(),
});

/** Reads GET /xapi/statements parameters; unknown, repeated or malformed ones are refused. */
export function parseStatementParams(search: URLSearchParams): ParsedParams {
  const params: Record<string, string> = {};
  for (const [name, value] of search) {
    if (name in params) return { kind: 'invalid', message: `parameter ${name} is given twice` };
    params[name] = value;
  }
  if ('more' in params) {
    if (Object.keys(params).length > 1) {
      return { kind: 'invalid', message: 'more must be the only parameter (it carries the query)' };
    }
    return { kind: 'more', token: params['more'] ?? '' };
  }
  if ('statementId' in params || 'voidedStatementId' in params) {
    if ('statementId' in params && 'voidedStatementId' in params) {
      return { kind: 'invalid', message: 'give statementId or voidedStatementId, not both' };
    }
    const parsed = SingleParamsSchema.safeParse(params);
    if (!parsed.success) {
      return { kind: 'invalid', message: describeSingleIssue(parsed.error) };
    }
    const { statementId, voidedStatementId } = parsed.data;
    return {
      kind: 'single',
      request: {
        id: (statementId ?? voidedStatementId) as string,
        isVoided: voidedStatementId !== undefined,
        format: parsed.data.format ?? 'exact',
        attachments: parsed.data.attachments ?? false,
      },
    };
  }
  const parsed = QueryParamsSchema.safeParse(params);
  if (!parsed.success) return { kind: 'invalid', message: describeQueryIssue(parsed.error) };
  const data = parsed.data;
  const query: StatementQuery = {
    relatedActivities: data.related_activities ?? false,
    relatedAgents: data.related_agents ?? false,
    limit: data.limit ?? 0,
    ascending: data.ascending ?? false,
    format: data.format ?? 'exact',
    attachments: data.attachments ?? false,
    ...(data.agent ? { agent: data.agent } : {}),
    ...(data.verb ? { verb: data.verb } : {}),
    ...(data.activity ? { activity: data.activity } : {}),
    ...(data.registration ? { registration: data.registration } : {}),
    ...(data.since !== undefined ? { since: data.since } : {}),
    ...(data.until !== undefined ? { until: data.until } : {}),
  };
  return { kind: 'query', query, params };
}

function describeSingleIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    return `with statementId or voidedStatementId only format and attachments may be given, not ${issue.keys.join(', ')}`;
  }
  return describeIssue(error, 'parameter');
}

function describeQueryIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    return `unknown parameter ${issue.keys.join(', ')}: the filters are agent, verb, activity, registration, related_activities, related_agents, since, until, limit, format, attachments, ascending (case-sensitive)`;
  }
  return describeIssue(error, 'parameter');
}
