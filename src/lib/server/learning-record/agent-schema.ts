import { z } from 'zod';
import { IriSchema, IrlSchema, isPlainObject } from './formats.ts';

/** A user account on some system: the system's home page and the account's name there. */
export const AccountSchema = z.strictObject({
  /** The canonical home page of the system the account is on. */
  homePage: IrlSchema,
  /** The account's unique name (for Switchyard users: the user id). */
  name: z.string().min(1, 'must not be empty'),
});

/** The four inverse functional identifiers (IFIs) an Agent or Identified Group may carry. */
const ifiShape = {
  /** mailto: IRI of an address only ever used by this agent. */
  mbox: z
    .string()
    .regex(/^mailto:[^@\s]+@[^@\s]+$/, 'must be a mailto: IRI such as mailto:ada@example.com')
    .optional(),
  /** Hex SHA-1 of the mailto: IRI. */
  mbox_sha1sum: z
    .string()
    .regex(/^[0-9a-f]{40}$/i, 'must be 40 hexadecimal characters')
    .optional(),
  /** An OpenID URI. */
  openid: IriSchema.optional(),
  /** An account on a system. */
  account: AccountSchema.optional(),
};

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function countIfis(value: Record<string, unknown>): number {
  return IFI_KEYS.filter((key) => value[key] !== undefined).length;
}

/** An individual (a person or a system), identified by exactly one IFI. */
export const AgentSchema = z
  .strictObject({
    /** `Agent`; optional except when the Agent is a statement's object. */
    objectType: z.literal('Agent', { message: 'must be "Agent"' }).optional(),
    /** Full name. */
    name: z.string().optional(),
    ...ifiShape,
  })
  .superRefine((agent, ctx) => {
    if (countIfis(agent) !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'an Agent needs exactly one of mbox, mbox_sha1sum, openid or account',
      });
    }
  });

/** A Group: identified by one IFI, or anonymous and then defined by its members. */
export const GroupSchema = z
  .strictObject({
    /** Always `Group`. */
    objectType: z.literal('Group', { message: 'must be "Group"' }),
    /** Name of the group. */
    name: z.string().optional(),
    /** Members (Agents only); required for an anonymous group. */
    member: z.array(AgentSchema, { message: 'must be an array of Agents' }).optional(),
    ...ifiShape,
  })
  .superRefine((group, ctx) => {
    const ifis = countIfis(group);
    if (ifis > 1) {
      ctx.addIssue({ code: 'custom', message: 'a Group may carry only one identifier (IFI)' });
    } else if (ifis === 0 && (group.member?.length ?? 0) === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'an anonymous Group (no mbox, mbox_sha1sum, openid or account) needs members',
      });
    }
  });

export type Agent = z.output<typeof AgentSchema>;
export type Group = z.output<typeof GroupSchema>;
/** An actor: an Agent or a Group. */
export type Actor = Agent | Group;

/** A zod issue's message; a record-key issue carries the useful message one level down. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0];
    return inner ? `key: ${issueMessage(inner)}` : issue.message;
  }
  return issue.message;
}

/**
 * A schema that picks its real schema from the value (by objectType, usually) and re-reports
 * that schema's issues under the current path, so messages stay specific instead of "invalid union".
 */
export function dispatchSchema<T>(pick: (value: unknown) => z.ZodType<T> | string) {
  return z.unknown().transform((value, ctx): T => {
    const schema = pick(value);
    if (typeof schema === 'string') {
      ctx.addIssue({ code: 'custom', message: schema });
      return z.NEVER;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({
        code: 'custom',
        message: issueMessage(issue),
        path: issue.path as PropertyKey[],
      });
    }
    return z.NEVER;
  });
}

/** An Agent or a Group, told apart by objectType. */
export const ActorSchema = dispatchSchema<Actor>((value) => {
  if (!isPlainObject(value)) return 'must be an Agent or Group object';
  return value['objectType'] === 'Group' ? GroupSchema : AgentSchema;
});

/** True when the actor is a Group. */
export function isGroup(actor: Actor): actor is Group {
  return actor.objectType === 'Group';
}

/** A Group as authority: anonymous, with exactly two Agents (Data 2.4.9.s3.b1). */
const AuthorityGroupSchema = GroupSchema.superRefine((group, ctx) => {
  if (countIfis(group) > 0) {
    ctx.addIssue({
      code: 'custom',
      message:
        'a Group authority must be anonymous (no mbox, mbox_sha1sum, openid or account): it stands for an application and a user together',
    });
  } else if (group.member?.length !== 2) {
    ctx.addIssue({
      code: 'custom',
      path: ['member'],
      message:
        'a Group authority must have exactly two Agents, the application and the user (3-legged OAuth)',
    });
  }
});

/**
 * An authority: "MUST be an Agent, except in 3-legged OAuth, where it MUST be a Group with two
 * Agents" (Data 2.4.9.s3.b1). The record replaces it with the credential's own Agent when it stores.
 */
export const AuthoritySchema = dispatchSchema<Actor>((value) => {
  if (!isPlainObject(value)) return 'must be an Agent, or an anonymous Group of two Agents';
  return value['objectType'] === 'Group' ? AuthorityGroupSchema : AgentSchema;
});
