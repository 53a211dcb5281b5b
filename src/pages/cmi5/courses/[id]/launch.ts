import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import { readForm } from '../../../../lib/server/http/request.ts';
import { learnerLaunch } from '../../../../lib/server/cmi5/launch-actions.ts';
import { siteOrigin } from '../../../../lib/server/site-origin.ts';
import { recordBase } from '../../../../lib/server/learning-record/record-base.ts';

/** The signed-in learner launches an AU from the course page; the browser goes to the AU (OwnWindow opens a window). */
export const POST: APIRoute = async ({ request, params, url, locals, redirect }) => {
  const id = params['id'] ?? '';
  if (!locals.user) return redirect(`/login?next=${encodeURIComponent(`/courses/${id}`)}`, 303);
  const db = await getDb();
  const result = await learnerLaunch(db, locals.user, id, await readForm(request), {
    publicOrigin: siteOrigin(url),
    recordOrigin: recordBase(db),
  });
  if (!result.ok) {
    return redirect(
      `/courses/${encodeURIComponent(id)}?notice=${encodeURIComponent(result.message)}`,
      303,
    );
  }
  return redirect(result.url, 303);
};
