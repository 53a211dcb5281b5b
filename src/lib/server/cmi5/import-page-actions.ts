import type { Database } from '../../../../db/client.ts';
import { readForm } from '../http/request.ts';
import { importFromForm, withdrawImportedCourse, type CatalogNames } from './course-actions.ts';

/** What the import page's forms post answer: where to go next, or a message to show. */
export type ImportPageResult =
  | { ok: true; location: string }
  | { ok: false; status: 400 | 404 | 413; message: string; requirement?: string };

/** Carries out the import page's posts: import a package (multipart) or withdraw a course. */
export async function handleImportPage(
  db: Database,
  request: Request,
  user: { id: string },
  names: CatalogNames,
): Promise<ImportPageResult> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('multipart/form-data')) {
    const result = await importFromForm(db, request, user, names);
    if (!result.ok) {
      return {
        ok: false,
        status: result.status,
        message: result.message,
        ...(result.refusal ? { requirement: result.refusal.requirement } : {}),
      };
    }
    const notice = `Imported version ${result.version}.`;
    return { ok: true, location: `/courses/${result.id}?notice=${encodeURIComponent(notice)}` };
  }
  const form = await readForm(request);
  if (form['action'] !== 'withdraw') {
    return { ok: false, status: 400, message: 'Unknown action: reload the page and try again.' };
  }
  const id = form['id'] ?? '';
  const isWithdrawn = await withdrawImportedCourse(db, id, { userId: user.id });
  if (!isWithdrawn)
    return { ok: false, status: 404, message: 'That course is not listed any more.' };
  const notice = 'Course withdrawn. Its records and evidence stay; it can no longer be launched.';
  return { ok: true, location: `/manage/imported-courses?notice=${encodeURIComponent(notice)}` };
}
