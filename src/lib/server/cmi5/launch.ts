import type { Database } from '../../../../db/client.ts';
import { now } from '../clock.ts';
import type { Agent } from '../learning-record/agent-schema.ts';
import { writeStateDocument } from '../learning-record/server-documents.ts';
import { findImportedCourse, type ImportedCourse } from './course-catalog.ts';
import { listAus, type StructureAu } from './course-structure.ts';
import { CMI5, cmi5Ids } from './cmi5-ids.ts';
import { isRelativeUrl } from './iri.ts';
import { ensureLearnerPreferences } from './learner-preferences.ts';
import { recordLmsStatements } from './lms-statements.ts';
import { FETCH_PREFIX, packageFilePath } from './package-files.ts';
import { evaluateRegistration } from './progress.ts';
import {
  createRegistration,
  findRegistration,
  latestRegistration,
  type Registration,
} from './registrations.ts';
import { abandonSession } from './abandon.ts';
import { createSession, openSessions, type LaunchMode } from './sessions.ts';

/** What a launch needs: the course, which AU, who, and how. */
export interface LaunchInput {
  courseId: string;
  auIndex: number;
  agent: Agent;
  userId: string | null;
  launchMode: LaunchMode;
  returnUrl?: string | undefined;
  /** An existing registration of this learner in this course, or an id for a new one. */
  registration?: string | undefined;
  /** The origin people reach the site at (launch, fetch and content URLs). */
  publicOrigin: string;
  /** The learning record's IRI base (activity ids). */
  recordOrigin: string;
}

export type LaunchResult =
  | {
      ok: true;
      url: string;
      registration: string;
      sessionId: string;
      launchMethod: StructureAu['launchMethod'];
    }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string };

async function resolveRegistration(
  db: Database,
  course: ImportedCourse,
  input: LaunchInput,
): Promise<
  | { ok: true; registration: Registration; isNew: boolean }
  | { ok: false; status: 403 | 409; message: string }
> {
  if (input.registration) {
    const found = await findRegistration(db, input.registration);
    if (found) {
      if (
        found.courseId !== course.id ||
        JSON.parse(found.actor).account?.name !== input.agent.account?.name
      ) {
        return {
          ok: false,
          status: 409,
          message: 'That registration belongs to another learner or course.',
        };
      }
      return { ok: true, registration: found, isNew: false };
    }
  } else {
    const latest = await latestRegistration(db, course.id, input.agent);
    if (latest) return { ok: true, registration: latest, isNew: false };
  }
  const registration = await createRegistration(db, {
    courseId: course.id,
    versionId: course.versionId,
    agent: input.agent,
    userId: input.userId,
    ...(input.registration ? { id: input.registration } : {}),
  });
  return { ok: true, registration, isNew: true };
}

function launchUrlOf(course: ImportedCourse, au: StructureAu, publicOrigin: string): URL {
  if (!isRelativeUrl(au.url)) return new URL(au.url);
  const [path = '', query = ''] = au.url.split('?');
  const url = new URL(
    packageFilePath(course.versionId, decodeURIComponent(path).replace(/^\.\//, '')),
    publicOrigin,
  );
  url.search = query.split('#')[0] ?? '';
  return url;
}

/**
 * Launches an AU (cmi5 8.0, 10.0): registration, a new session (abandoning any the learner left
 * open), the `launched` statement, LMS.LaunchData and learner preferences, all before the URL is
 * handed out; the URL carries endpoint, fetch, actor, registration and activityId.
 */
export async function launchAu(db: Database, input: LaunchInput): Promise<LaunchResult> {
  const current = await findImportedCourse(db, input.courseId);
  if (!current || current.isWithdrawn) {
    return {
      ok: false,
      status: 404,
      message: `There is no imported course "${input.courseId}" to launch.`,
    };
  }
  const resolved = await resolveRegistration(db, current, input);
  if (!resolved.ok) return resolved;
  const { registration } = resolved;
  // A registration keeps the version it started with.
  const course = (await findImportedCourse(db, current.id, registration.versionId)) ?? current;
  const au = listAus(course.structure.children)[input.auIndex];
  if (!au) {
    return {
      ok: false,
      status: 404,
      message: `The course has no AU number ${input.auIndex} (AUs count from 0).`,
    };
  }
  const origin = input.recordOrigin;
  if (resolved.isNew) await evaluateRegistration(db, origin, registration);
  for (const open of await openSessions(db, registration.id)) {
    await abandonSession(db, origin, open, registration);
  }
  const at = now();
  const { session, fetchKey } = await createSession(db, {
    registrationId: registration.id,
    auIndex: input.auIndex,
    launchMode: input.launchMode,
    at,
  });
  const activityId = cmi5Ids.au(origin, course.id, au.id);
  const base = launchUrlOf(course, au, input.publicOrigin);
  const returnUrl = input.returnUrl ?? `${input.publicOrigin}/courses/${course.id}`;
  await writeStateDocument(
    db,
    { activityId, agent: input.agent, registration: registration.id, stateId: 'LMS.LaunchData' },
    {
      json: {
        contextTemplate: {
          contextActivities: { grouping: [{ id: au.id }] },
          extensions: { [CMI5.sessionId]: session.id },
        },
        launchMode: input.launchMode,
        launchMethod: au.launchMethod,
        moveOn: au.moveOn,
        returnURL: returnUrl,
        ...(au.masteryScore !== null ? { masteryScore: au.masteryScore } : {}),
        ...(au.launchParameters !== null ? { launchParameters: au.launchParameters } : {}),
        ...(au.entitlementKey !== null
          ? { entitlementKey: { courseStructure: au.entitlementKey } }
          : {}),
      },
    },
  );
  await ensureLearnerPreferences(db, input.agent);
  await recordLmsStatements(db, origin, input.agent, registration.id, [
    {
      verb: 'launched',
      objectId: activityId,
      name: au.title,
      sessionId: session.id,
      publisherAuId: au.id,
      extensions: {
        [CMI5.launchMode]: input.launchMode,
        [CMI5.launchUrl]: base.toString(),
        [CMI5.moveOn]: au.moveOn,
        ...(au.masteryScore !== null ? { [CMI5.masteryScore]: au.masteryScore } : {}),
        ...(au.launchParameters !== null ? { [CMI5.launchParameters]: au.launchParameters } : {}),
      },
    },
  ]);
  const url = new URL(base);
  url.searchParams.set('endpoint', `${input.publicOrigin}/xapi/`);
  url.searchParams.set('fetch', `${input.publicOrigin}${FETCH_PREFIX}${fetchKey}`);
  url.searchParams.set('actor', JSON.stringify(input.agent));
  url.searchParams.set('registration', registration.id);
  url.searchParams.set('activityId', activityId);
  return {
    ok: true,
    url: url.toString(),
    registration: registration.id,
    sessionId: session.id,
    launchMethod: au.launchMethod,
  };
}
