import { parseArgs } from 'node:util';
import { z } from 'zod';
import { recordAuditEvent } from '../lib/server/audit.ts';
import { checkPasswordPolicy } from '../lib/server/auth/password.ts';
import {
  NewUserSchema,
  createUser,
  findUserByEmail,
  setPassword,
} from '../lib/server/auth/user.ts';
import {
  NewTeamSchema,
  addManager,
  addMember,
  createTeam,
  getTeamBySlug,
} from '../lib/server/teams/team.ts';
import type { Command } from './commands.ts';
import { CliError } from './errors.ts';

/** Parses --flags strictly; unknown flags are an error naming them. */
function flags<T extends Record<string, { type: 'string' | 'boolean' }>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** The first zod issue as one line: "--email: Enter a valid email address". */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `--${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`;
}

/** Reads a password from standard input (one line; trailing newline dropped) and checks the policy. */
async function passwordFromStdin(readStdin: () => Promise<string>, email: string): Promise<string> {
  const password = (await readStdin()).replace(/\r?\n$/, '');
  const problem = checkPasswordPolicy(password, email);
  if (problem) throw new CliError(`password: ${problem}`);
  return password;
}

/** `user add --email E --name N --role R [--team SLUG] [--department it|ot|other] [--title T] --password-stdin` */
export const userAdd: Command = async ({ db, args, readStdin, print }) => {
  const values = flags(args, {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    team: { type: 'string' },
    department: { type: 'string' },
    title: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  const parsed = NewUserSchema.safeParse({
    email: values.email,
    displayName: values.name,
    role: values.role,
    department: values.department ?? 'other',
    jobTitle: values.title ?? '',
  });
  if (!parsed.success) {
    throw new CliError(
      firstIssue(parsed.error).replace('--displayName', '--name').replace('--jobTitle', '--title'),
    );
  }
  if (!values['password-stdin'])
    throw new CliError('--password-stdin is required: pipe the password on standard input');
  const team = values.team ? await getTeamBySlug(db, values.team) : null;
  if (values.team && !team) throw new CliError(`--team: no team has the slug "${values.team}"`);
  const password = await passwordFromStdin(readStdin, parsed.data.email);
  const created = await createUser(db, parsed.data, password);
  if (!created.ok) throw new CliError(`--email: ${parsed.data.email} already has an account`);
  if (team) {
    if (parsed.data.role === 'learner') await addMember(db, team.id, created.user.id);
    else await addManager(db, team.id, created.user.id);
  }
  await recordAuditEvent(db, {
    type: 'user.created',
    subjectId: created.user.id,
    detail: { via: 'cli', role: parsed.data.role },
  });
  print(
    `Created ${parsed.data.role} ${parsed.data.email} (id ${created.user.id})${team ? ` in team ${team.slug}` : ''}.`,
  );
};

/** `user reset-password --email E --password-stdin`: sets the password and ends the user's sessions. */
export const userResetPassword: Command = async ({ db, args, readStdin, print }) => {
  const values = flags(args, { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } });
  if (!values.email) throw new CliError('--email is required');
  if (!values['password-stdin'])
    throw new CliError('--password-stdin is required: pipe the password on standard input');
  const user = await findUserByEmail(db, values.email);
  if (!user) throw new CliError(`--email: nobody has the email ${values.email}`);
  const password = await passwordFromStdin(readStdin, user.email);
  await setPassword(db, user.id, password);
  await recordAuditEvent(db, {
    type: 'password.changed',
    subjectId: user.id,
    detail: { via: 'cli' },
  });
  print(`Password changed for ${user.email}; their sessions have ended.`);
};

/** `team add --slug S --name N --kind it|ot|mixed [--manager EMAIL]` */
export const teamAdd: Command = async ({ db, args, print }) => {
  const values = flags(args, {
    slug: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string' },
    manager: { type: 'string' },
  });
  const parsed = NewTeamSchema.safeParse(values);
  if (!parsed.success) throw new CliError(firstIssue(parsed.error));
  const manager = values.manager ? await findUserByEmail(db, values.manager) : null;
  if (values.manager && !manager)
    throw new CliError(`--manager: nobody has the email ${values.manager}`);
  if (manager && manager.role === 'learner') {
    throw new CliError(
      `--manager: ${manager.email} is a learner; give them the manager role first`,
    );
  }
  const created = await createTeam(db, parsed.data);
  if (!created.ok) throw new CliError(`--slug: a team "${parsed.data.slug}" already exists`);
  if (manager) await addManager(db, created.team.id, manager.id);
  await recordAuditEvent(db, {
    type: 'team.created',
    detail: { slug: parsed.data.slug, via: 'cli' },
  });
  print(`Created team ${parsed.data.slug}${manager ? ` managed by ${manager.email}` : ''}.`);
};
