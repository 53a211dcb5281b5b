import { z } from 'zod';
import type { Database } from '../../../../db/client.ts';
import { NewAssignmentSchema, archiveAssignment, createAssignment } from './assignment.ts';
import type { ItemCatalog } from './item-catalog.ts';

/** What the team page's forms post: assign an item, or archive an assignment. */
export const TeamActionSchema = z.discriminatedUnion(
  'action',
  [
    NewAssignmentSchema.extend({ action: z.literal('assign') }),
    z.object({
      action: z.literal('archive'),
      assignmentId: z.string().min(1, 'Choose an assignment to archive.'),
    }),
  ],
  { message: 'Unknown action: reload the page and try again.' },
);

/** Notices shown after a successful action (carried in the redirect's query string). */
export const ACTION_NOTICES = {
  assigned: 'Assigned. Learners see it on their learning page at once.',
  archived: 'Assignment archived. It no longer counts in the matrix or on learners’ pages.',
} as const;

export type ActionNotice = keyof typeof ACTION_NOTICES;

/** Carries out a posted team action; the caller has checked that the actor manages the team. */
export async function handleTeamAction(
  db: Database,
  actor: { id: string },
  team: { id: string },
  form: Record<string, string>,
  catalog: ItemCatalog,
): Promise<{ ok: true; notice: ActionNotice } | { ok: false; message: string }> {
  const parsed = TeamActionSchema.safeParse(form);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' };
  }
  const input = parsed.data;
  if (input.action === 'archive') {
    return (await archiveAssignment(db, team, input.assignmentId))
      ? { ok: true, notice: 'archived' }
      : { ok: false, message: 'That assignment is not active in this team any more.' };
  }
  const result = await createAssignment(db, actor, team, input, catalog);
  return result.ok ? { ok: true, notice: 'assigned' } : result;
}
