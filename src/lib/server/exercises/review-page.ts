import type { AstroGlobal } from 'astro';
import type { Database } from '../../../../db/client.ts';
import { MARK_KIND_LABELS, type TimelineMark } from '../../shared/exercises/exercise-timeline.ts';
import { readForm } from '../http/request.ts';
import { addReviewNote, loadReview, replayPageJson, type ReviewView } from './review-actions.ts';

/** How the review names each kind of mark: a note there is always the instructor's. */
export const REVIEW_MARK_LABELS = { ...MARK_KIND_LABELS, note: 'Instructor note' } as const;

/** What the after-action review page shows, after any note it added. */
export interface ReviewPageState {
  review: ReviewView | null;
  /** Why there is no review to show (with its status set), else ''. */
  refusal: string;
  /** Why a posted note was refused, else ''. */
  error: string;
  /** The scrubber island's data, safe inside a `<script type="application/json">`. */
  islandJson: string;
  /** The timeline as printed: everything but plain actions (adaptations stay). */
  printable: TimelineMark[];
}

/** Answers the review page: a posted note is added (a redirect to the notes), then the review. */
export async function reviewFromRequest(
  Astro: AstroGlobal,
  db: Database,
): Promise<{ redirect: string } | ReviewPageState> {
  const user = Astro.locals.user!;
  const id = Astro.params['id'] ?? '';
  let error = '';
  if (Astro.request.method === 'POST') {
    const added = await addReviewNote(db, user, id, await readForm(Astro.request));
    if (added.ok) return { redirect: `/exercises/${id}/review#notes` };
    error = added.message;
    Astro.response.status = added.status;
  }
  const loaded = await loadReview(db, user, id);
  if (!loaded.ok) Astro.response.status = loaded.status;
  const review = loaded.ok ? loaded.review : null;
  const islandJson = review ? replayPageJson(review, user.id) : '';
  const printable =
    review?.marks.filter((m) => m.kind !== 'action' || m.text.includes('(adaptation)')) ?? [];
  const refusal = loaded.ok ? '' : loaded.message;
  return { review, refusal, error, islandJson, printable };
}

/** A log time as the review prints it (UTC, hh:mm:ss). */
export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** A duration in whole minutes. */
export function minutesLabel(ms: number): string {
  return `${Math.round(ms / 60000)} min`;
}
