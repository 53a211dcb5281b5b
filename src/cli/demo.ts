import { inArray } from 'drizzle-orm';
import { assignments, teams, users } from '../../db/schema.ts';
import { addDays, calendarDate } from '../lib/shared/assignments/status.ts';
import { readContent, type ContentCourse } from '../lib/content/content-files.ts';
import { itemCatalogOf, parseItemKey } from '../lib/server/assignments/item-catalog.ts';
import { checkPasswordPolicy, hashPassword } from '../lib/server/auth/password.ts';
import {
  certificateClaim,
  certificateExtension,
  certificatesFromStatements,
} from '../lib/server/completion/certificates.ts';
import { switchyardAuthority } from '../lib/server/completion/trust.ts';
import { now as clockNow } from '../lib/server/clock.ts';
import { storeStatements } from '../lib/server/learning-record/store-statements.ts';
import { recordBase } from '../lib/server/learning-record/record-base.ts';
import { addManager, addMember, createTeam } from '../lib/server/teams/team.ts';
import type { Command } from './commands.ts';
import { DEMO_TEAMS, demoEmail } from './demo-people.ts';
import {
  CROSS_SKILL_COURSES,
  DEMO_PLAN,
  outcomeOf,
  planWork,
  shuffle,
  type Story,
  type Work,
} from './demo-plan.ts';
import { courseActivity, scenarioActivity, type GeneratedActivity } from './demo-record.ts';
import { CliError } from './errors.ts';
import { mulberry32 } from '../lib/server/labs/datasets/random.ts';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

const DAY = 24 * 60 * 60 * 1000;
/** Random bits in the shared demo password: well past what guessing at the sign-in throttle could reach. */
export const DEMO_PASSWORD_BITS = 80;

/** A shared demo password: 80 random bits as four groups of base32, different on every load. */
function demoPassword(): string {
  const text = encodeBase32LowerCaseNoPadding(
    crypto.getRandomValues(new Uint8Array(DEMO_PASSWORD_BITS / 8)),
  );
  return text.match(/.{4}/g)!.join('-');
}

interface Person {
  id: string;
  name: string;
  email: string;
  title: string;
}

/** `switchyard demo`: loads the demo utility, or refuses when it is already there. */
export const demo: Command = async ({ db, config, print }) => {
  const origin = recordBase(db);
  const now = clockNow();
  const today = calendarDate(now, config.ORG_TIME_ZONE);
  const content = readContent();
  const catalog = itemCatalogOf(content);
  // Seeded, so every demo load tells the same story.
  const random = mulberry32(20_250_601);
  const slugs = DEMO_TEAMS.map((team) => team.slug);
  const taken = await db.select({ slug: teams.slug }).from(teams).where(inArray(teams.slug, slugs));
  const emails = DEMO_TEAMS.flatMap((team) =>
    [team.manager, ...team.learners].map((p) => demoEmail(p.name)),
  );
  const existing = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, emails));
  if (taken.length || existing.length) {
    throw new CliError(
      `the demo organisation is already loaded (${taken.length ? `team "${taken[0]!.slug}"` : existing[0]!.email} exists); nothing was changed`,
    );
  }
  const password = demoPassword();
  const problem = emails.map((email) => checkPasswordPolicy(password, email)).find(Boolean);
  if (problem) throw new CliError(`demo password: ${problem}`);
  const passwordHash = await hashPassword(password);
  const people = new Map<string, Person>();
  const toRow = (
    person: { name: string; title: string },
    role: 'learner' | 'manager',
    department: 'it' | 'ot',
  ) => {
    const row = {
      id: crypto.randomUUID(),
      email: demoEmail(person.name),
      displayName: person.name,
      role,
      department,
      jobTitle: person.title,
      passwordHash,
      isDisabled: false,
      isDemo: true,
      createdAt: now,
      updatedAt: now,
    };
    people.set(person.name, {
      id: row.id,
      name: person.name,
      email: row.email,
      title: person.title,
    });
    return row;
  };
  await db
    .insert(users)
    .values(
      DEMO_TEAMS.flatMap((team) => [
        toRow(team.manager, 'manager', team.kind),
        ...team.learners.map((learner) => toRow(learner, 'learner', team.kind)),
      ]),
    );

  const work = new Map<string, Work>();
  const skipped = new Set<string>();
  let assignmentCount = 0;
  for (const team of DEMO_TEAMS) {
    const created = await createTeam(db, { slug: team.slug, name: team.name, kind: team.kind });
    if (!created.ok) throw new CliError(`team "${team.slug}" could not be created`);
    const manager = people.get(team.manager.name)!;
    await addManager(db, created.team.id, manager.id);
    const members = team.learners.map((learner) => people.get(learner.name)!);
    for (const member of members) {
      await addMember(db, created.team.id, member.id);
      work.set(member.id, new Map());
    }
    for (const plan of DEMO_PLAN[team.slug] ?? []) {
      const parsed = parseItemKey(plan.item);
      const exists =
        parsed &&
        (parsed.type === 'course'
          ? catalog.courses.has(parsed.id)
          : parsed.type === 'track'
            ? catalog.tracks.some((track) => track.slug === parsed.id)
            : catalog.scenarios.has(parsed.id));
      if (!parsed || !exists) {
        skipped.add(plan.item);
        continue;
      }
      const assignee = plan.assignee ? people.get(plan.assignee) : undefined;
      await db.insert(assignments).values({
        id: crypto.randomUUID(),
        itemType: parsed.type,
        itemId: parsed.id,
        teamId: assignee ? null : created.team.id,
        userId: assignee?.id ?? null,
        dueDate: addDays(today, plan.dueInDays),
        recurrenceMonths: plan.recurrenceMonths ?? null,
        note: plan.note ?? '',
        createdBy: manager.id,
        createdAt: now - 75 * DAY,
        archivedAt: null,
      });
      assignmentCount += 1;
      const targets = assignee ? [assignee] : shuffle(members, random);
      const stories = (Object.entries(plan.mix) as [Story, number][]).flatMap(([story, count]) =>
        Array.from({ length: count }, () => story),
      );
      stories.forEach((story, index) => {
        const learner = targets[index];
        if (learner)
          planWork(
            work.get(learner.id)!,
            catalog,
            plan.item,
            outcomeOf(story, now, plan.recurrenceMonths, random),
          );
      });
    }
    for (const member of members) {
      const choices = CROSS_SKILL_COURSES[team.kind].filter((slug) => catalog.courses.has(slug));
      const choice = choices[Math.floor(random() * choices.length)];
      if (choice && random() < 0.35)
        planWork(
          work.get(member.id)!,
          catalog,
          `course:${choice}`,
          outcomeOf('recent', now, undefined, random),
        );
    }
  }

  let statementCount = 0;
  let certificateCount = 0;
  for (const person of people.values()) {
    const generated: { activity: GeneratedActivity; course: ContentCourse | null }[] = [];
    for (const [key, entry] of work.get(person.id) ?? []) {
      const id = key.slice(key.indexOf(':') + 1);
      if (entry.type === 'scenario') {
        const title = catalog.scenarios.get(id)?.title ?? id;
        const activity = scenarioActivity(origin, person, { id, title }, entry.outcome, random);
        generated.push({ activity, course: null });
        continue;
      }
      const course = content.courses.get(id);
      if (course) {
        generated.push({
          activity: courseActivity(origin, person, course, entry.outcome, random),
          course,
        });
      }
    }
    // Each finished course's completion statement carries its certificate, as the live path writes it.
    const certified: string[] = [];
    for (const { activity, course } of generated) {
      if (!course || !activity.completion) continue;
      const { statementId, at } = activity.completion;
      const statement = activity.statements.find((entry) => entry['id'] === statementId);
      const result = (statement?.['result'] ?? {}) as Record<string, unknown>;
      if (!statement) continue;
      statement['result'] = {
        ...result,
        extensions: {
          [certificateExtension(origin)]: certificateClaim({
            issuedAt: at,
            issueNumber: 1,
            holderName: person.name,
            course: {
              title: course.data.title,
              version: course.data.version,
              recurrenceMonths: course.data.recurrenceMonths,
            },
            timeZone: config.ORG_TIME_ZONE,
          }),
        },
      };
      certified.push(statementId);
    }
    const statements = generated.flatMap((entry) => entry.activity.statements);
    if (!statements.length) continue;
    const stored = await storeStatements(db, statements, {
      authority: switchyardAuthority(origin),
      siteOrigin: origin,
      version: '1.0.3',
      now,
    });
    if (!stored.ok) {
      throw new CliError(`the learning record refused the demo statements: ${stored.message}`);
    }
    statementCount += statements.length;
    if (certified.length) {
      await db.$client.execute(
        certificatesFromStatements(origin, 's.id IN (SELECT value FROM json_each(?))', [
          JSON.stringify(certified),
        ]),
      );
    }
    certificateCount += certified.length;
  }

  print(
    `Demo organisation loaded: ${DEMO_TEAMS.length} teams, ${people.size - DEMO_TEAMS.length} learners, ${DEMO_TEAMS.length} managers, ${assignmentCount} assignments, ${statementCount} statements, ${certificateCount} certificates.`,
  );
  if (skipped.size) print(`Not in this catalogue, so not assigned: ${[...skipped].join(', ')}.`);
  print('');
  print('==== DEMO ACCOUNTS: for demonstrations only, all share one password ====');
  print(`Password: ${password}`);
  print('Managers:');
  for (const team of DEMO_TEAMS)
    print(`  ${demoEmail(team.manager.name)}  (${team.name}, ${team.kind.toUpperCase()})`);
  print('Learners (a few of them):');
  for (const team of DEMO_TEAMS) print(`  ${demoEmail(team.learners[0]!.name)}  (${team.name})`);
  print('Every demo account is marked "Demo" in Switchyard. Sign in at /login.');
  print('=========================================================================');
};
