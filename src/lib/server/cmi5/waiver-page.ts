import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { auditEvents, users } from '../../../../db/schema.ts';
import { userAgent } from '../learning-record/actor-key.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { findImportedCourse, listImportedCourses } from './course-catalog.ts';
import { listAus, type MoveOn } from './course-structure.ts';
import { cmi5Ids } from './cmi5-ids.ts';
import { readRegistrationRecord } from './registration-record.ts';
import { latestRegistration } from './registrations.ts';
import { auOutcomes, isAuSatisfied } from './satisfaction.ts';
import { WAIVER_EVENTS } from './waiver-notes.ts';

/** A waiver in force, as the page shows it. */
export interface ShownWaiver {
  category: string;
  reason: string;
  by: string;
  at: number;
}

/** One AU of a learner's registration on the waiver page. */
export interface WaiverPageAu {
  index: number;
  title: string;
  moveOn: MoveOn;
  /** True when its moveOn rule is met (by the content or a waiver). */
  isMet: boolean;
  waiver: ShownWaiver | null;
}

/** One imported course on the waiver page. */
export interface WaiverPageCourse {
  id: string;
  title: string;
  registrationId: string | null;
  isSatisfied: boolean;
  aus: WaiverPageAu[];
}

/** Who waived what and why, by the id of the `waived` statement (from the audit log). */
async function waiverDetails(db: Database, learnerId: string): Promise<Map<string, ShownWaiver>> {
  const rows = await db
    .select({ at: auditEvents.at, detail: auditEvents.detail, by: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(inArray(auditEvents.type, [WAIVER_EVENTS.waived]), eq(auditEvents.subjectId, learnerId)),
    );
  const details = new Map<string, ShownWaiver>();
  for (const row of rows) {
    const detail = JSON.parse(row.detail) as Record<string, string | undefined>;
    details.set(detail['statementId'] ?? '', {
      category: detail['category'] ?? 'Administrative',
      reason: detail['reason'] ?? '',
      by: row.by ?? (detail['credential'] ? `credential ${detail['credential']}` : 'unknown'),
      at: row.at,
    });
  }
  return details;
}

/** Every listed imported course, at the version of the learner's registration (if any), with its units' waivers. */
export async function loadWaiverPage(db: Database, learnerId: string): Promise<WaiverPageCourse[]> {
  const origin = recordBase(db);
  const agent = userAgent(origin, learnerId);
  const details = await waiverDetails(db, learnerId);
  const courses: WaiverPageCourse[] = [];
  for (const listed of await listImportedCourses(db)) {
    const registration = await latestRegistration(db, listed.id, agent);
    const course = registration
      ? ((await findImportedCourse(db, listed.id, registration.versionId)) ?? listed)
      : listed;
    const record = registration
      ? await readRegistrationRecord(db, registration.id)
      : { statements: [] };
    const outcomes = auOutcomes(record.statements);
    const aus = listAus(course.structure.children).map((au, index): WaiverPageAu => {
      const activityId = cmi5Ids.au(origin, course.id, au.id);
      const outcome = outcomes.get(activityId);
      const waived = record.statements.find(
        (s) => s.verb === 'waived' && s.objectId === activityId,
      );
      return {
        index,
        title: au.title,
        moveOn: au.moveOn,
        isMet: isAuSatisfied(au.moveOn, outcome ?? NONE),
        waiver: waived
          ? (details.get(waived.id) ?? {
              category: waived.reason ?? 'Administrative',
              reason: '',
              by: 'unknown',
              at: 0,
            })
          : null,
      };
    });
    courses.push({
      id: course.id,
      title: course.title,
      registrationId: registration?.id ?? null,
      isSatisfied: registration?.satisfiedAt != null,
      aus,
    });
  }
  return courses;
}

const NONE = { isCompleted: false, isPassed: false, isWaived: false };
