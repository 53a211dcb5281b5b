import type { Database } from '../../../../db/client.ts';
import { progressPercent } from '../../shared/score.ts';
import { latestCertificate, type CertificateRow } from '../certificates/certificate.ts';
import { getCourseProgress } from '../completion/read.ts';
import type { CourseProgress } from '../completion/requirements.ts';
import { recordBase } from '../learning-record/record-base.ts';
import {
  getCatalog,
  type CatalogCourse,
  type CatalogLesson,
  type CatalogTrack,
} from './catalog.ts';
import { nextLesson } from './next-step.ts';

/** What a course's overview page shows a learner (or a visitor, who has no progress). */
export interface CourseOverview {
  progress: CourseProgress | null;
  certificate: CertificateRow | null;
  track: CatalogTrack | undefined;
  /** The lesson to go on with: the first not done, or the first for a visitor. */
  upNext: CatalogLesson | null;
  /** Each lesson's state in words, in course order ('' for a visitor). */
  lessonStates: string[];
  percent: number;
  /** The courses to take first, with their titles (null for a slug the catalogue lacks). */
  prerequisites: { slug: string; title: string | null }[];
}

/** A lesson's state as the course page lists it. */
function lessonStateLabel(entry: CourseProgress['lessons'][number] | undefined): string {
  if (!entry) return '';
  if (entry.isDone) return 'Done';
  if (entry.check && !entry.check.isPassed && entry.check.attempts > 0)
    return 'Check not passed yet';
  if (entry.isComplete) return 'Read';
  return 'Not started';
}

/** Reads a course's overview for the signed-in learner, or for a visitor when `user` is null. */
export async function loadCourseOverview(
  db: Database,
  user: { id: string } | null,
  course: CatalogCourse,
): Promise<CourseOverview> {
  const catalog = await getCatalog();
  const progress = user ? await getCourseProgress(db, recordBase(db), user.id, course) : null;
  const certificate =
    user && progress?.isComplete ? await latestCertificate(db, user.id, course.slug) : null;
  return {
    progress,
    certificate,
    track: catalog.tracks.find((candidate) => candidate.slug === course.data.track),
    upNext: progress ? nextLesson(course, progress) : (course.lessons[0] ?? null),
    lessonStates: course.lessons.map((_, index) => lessonStateLabel(progress?.lessons[index])),
    percent: progress ? progressPercent(progress) : 0,
    prerequisites: course.data.prerequisites.map((slug) => ({
      slug,
      title: catalog.courses.get(slug)?.data.title ?? null,
    })),
  };
}
