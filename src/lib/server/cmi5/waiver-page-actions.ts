import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { getUserById } from '../auth/user.ts';
import { userAgent } from '../learning-record/actor-key.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { canViewLearner, type Viewer } from '../reports/access.ts';
import { findImportedCourse } from './course-catalog.ts';
import { createRegistration, findRegistration, latestRegistration } from './registrations.ts';
import { loadWaiverPage, type WaiverPageCourse } from './waiver-page.ts';
import { WAIVER_REASONS, waiveAu } from './waiver.ts';
import { revokeWaiver } from './waiver-revoke.ts';

const Reason = z
  .string({ message: 'Give the reason.' })
  .trim()
  .min(3, 'Give the reason (at least 3 characters).')
  .max(500, 'The reason is at most 500 characters.');
const AuIndex = z.coerce
  .number({ message: 'Choose a unit.' })
  .int('Choose a unit.')
  .min(0, 'Choose a unit.');

/** The waiver page's two forms. */
export const WaiverFormSchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('waive'),
      /** The imported course's Switchyard id. */
      course: z.string().min(1, 'Choose a course.').max(200),
      au: AuIndex,
      /** The cmi5 reason recorded in the `waived` statement. */
      category: z.enum(WAIVER_REASONS, { message: 'Choose one of the listed kinds of waiver.' }),
      reason: Reason,
    }),
    z.object({
      action: z.literal('revoke'),
      registration: z.uuid({ message: 'Reload the page: that registration is not known.' }),
      au: AuIndex,
      reason: Reason,
    }),
  ],
  { message: 'Unknown action: reload the page and try again.' },
);

/** The page's data for a learner the viewer may see. */
export type WaiverPageView =
  | {
      ok: true;
      learner: { id: string; displayName: string };
      courses: WaiverPageCourse[];
    }
  | { ok: false; status: 403 | 404; message: string };

/** What a post answers: where to go next, or a message to show. */
export type WaiverPostResult =
  { ok: true; location: string } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

/** Reads the waiver page of a learner: an admin's, or a manager's of one of the learner's teams. */
export async function viewWaiverPage(
  db: Database,
  viewer: Viewer,
  learnerId: string,
): Promise<WaiverPageView> {
  if (!(await canViewLearner(db, viewer, learnerId))) {
    return { ok: false, status: 403, message: 'You manage none of this learner’s teams.' };
  }
  const learner = await getUserById(db, learnerId);
  if (!learner) return { ok: false, status: 404, message: 'There is no such learner.' };
  return {
    ok: true,
    learner: { id: learner.id, displayName: learner.displayName },
    courses: await loadWaiverPage(db, learner.id),
  };
}

/** Carries out a waive or revoke form for a learner the viewer manages. */
export async function postWaiverForm(
  db: Database,
  viewer: Viewer,
  learnerId: string,
  form: Record<string, string>,
): Promise<WaiverPostResult> {
  const view = await viewWaiverPage(db, viewer, learnerId);
  if (!view.ok) return view;
  const parsed = WaiverFormSchema.safeParse(form);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues[0]?.message ?? 'Check the form.',
    };
  }
  const input = parsed.data;
  const origin = recordBase(db);
  const back = (notice: string) =>
    `/manage/learners/${learnerId}/waivers?notice=${encodeURIComponent(notice)}`;
  if (input.action === 'revoke') {
    const registration = await findRegistration(db, input.registration);
    if (!registration || registration.userId !== learnerId) {
      return { ok: false, status: 404, message: 'That registration is not this learner’s.' };
    }
    const revoked = await revokeWaiver(db, origin, registration, input.au, {
      reason: input.reason,
      actorId: viewer.id,
    });
    return revoked.ok ? { ok: true, location: back('Waiver revoked.') } : revoked;
  }
  const course = await findImportedCourse(db, input.course);
  if (!course || course.isWithdrawn) {
    return { ok: false, status: 404, message: 'That course is not listed any more.' };
  }
  const agent = userAgent(origin, learnerId, view.learner.displayName);
  const registration =
    (await latestRegistration(db, course.id, agent)) ??
    (await createRegistration(db, {
      courseId: course.id,
      versionId: course.versionId,
      agent,
      userId: learnerId,
    }));
  const waived = await waiveAu(db, origin, registration, input.au, {
    reason: input.reason,
    category: input.category,
    actorId: viewer.id,
  });
  if (!waived.ok) return waived;
  return {
    ok: true,
    location: back(
      waived.isCourseSatisfied ? 'Unit waived: the course is now complete.' : 'Unit waived.',
    ),
  };
}
