import type { Database } from '../../../../db/client.ts';
import { orderLearnerWork } from '../../shared/assignments/learner-order.ts';
import { listLearnerAssignments, type LearnerAssignment } from '../assignments/learner.ts';
import { listCertificates } from '../certificates/certificate.ts';
import { getConfig } from '../config.ts';
import { bestAttempts } from '../sims/attempts.ts';
import { getSimCatalog } from '../sims/catalog.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { pendingExercisesFor } from '../exercises/exercise.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import { getCatalog, type CatalogTrack } from './catalog.ts';
import { continueStep, type ContinueStep } from './next-step.ts';
import { getLearnerCourses, type CourseWithProgress } from './overview.ts';
import { coursesByRecency, lastTouches } from './touched.ts';

/** Everything /learn shows, in the order it shows it. */
export interface LearnerHome {
  /** The next unfinished step of the most recently touched course, or null before any. */
  next: ContinueStep | null;
  /** Assigned work still to do: overdue first, then by due date. */
  toDo: LearnerAssignment[];
  /** Assigned work completed and still valid. */
  assignedDone: LearnerAssignment[];
  inProgress: CourseWithProgress[];
  completed: CourseWithProgress[];
  certificates: Awaited<ReturnType<typeof listCertificates>>;
  /** Joint exercises the learner takes part in that are not scored yet. */
  exercises: { id: string; title: string; role: ExerciseRole }[];
  /** A track to start with, written for the learner's side of the house. */
  suggestedTrack: CatalogTrack | null;
  simResults: {
    scenarioId: string;
    title: string;
    score: number;
    maxScore: number;
    passed: boolean;
  }[];
}

/** The learner a home page is for. */
export interface HomeLearner {
  id: string;
  department: 'it' | 'ot' | 'other';
}

/** Reads the learner's home: continue card, assignments, courses, simulations and certificates. */
export async function loadLearnerHome(db: Database, learner: HomeLearner): Promise<LearnerHome> {
  const userId = learner.id;
  const origin = recordBase(db);
  const { scenarios } = await getSimCatalog();
  const scenarioTitle = (id: string): string => scenarios.get(id)?.title ?? id;
  const courses = await getLearnerCourses(db, origin, userId);
  const recency = coursesByRecency(origin, await lastTouches(db, origin, userId));
  const work = orderLearnerWork(
    await listLearnerAssignments(db, userId),
    getConfig().ORG_TIME_ZONE,
  );
  const attempts = [...(await bestAttempts(db, userId)).values()];
  const started = courses.filter((entry) => entry.progress.isStarted && !entry.progress.isComplete);
  const rank = (slug: string): number => {
    const index = recency.indexOf(slug);
    return index === -1 ? recency.length : index;
  };
  return {
    next: continueStep(courses, recency, scenarioTitle),
    toDo: work.toDo,
    assignedDone: work.completed,
    inProgress: started.sort((a, b) => rank(a.course.slug) - rank(b.course.slug)),
    completed: courses.filter((entry) => entry.progress.isComplete),
    certificates: await listCertificates(db, userId),
    exercises: (await pendingExercisesFor(db, userId)).flatMap((exercise) => {
      const role = exercise.participants.find((entry) => entry.userId === userId)?.role;
      return role ? [{ id: exercise.id, title: scenarioTitle(exercise.scenarioId), role }] : [];
    }),
    suggestedTrack: suggestTrack((await getCatalog()).tracks, learner.department),
    simResults: attempts.map((attempt) => ({
      scenarioId: attempt.scenarioId,
      title: scenarioTitle(attempt.scenarioId),
      score: attempt.score,
      maxScore: attempt.maxScore,
      passed: attempt.passed,
    })),
  };
}

/** The first track written for the learner's department, else one written for everyone. */
function suggestTrack(
  tracks: CatalogTrack[],
  department: HomeLearner['department'],
): CatalogTrack | null {
  return (
    tracks.find((track) => track.data.audience === department) ??
    tracks.find((track) => track.data.audience === 'all') ??
    null
  );
}
