import type { Database } from '../../../../db/client.ts';
import { now } from '../clock.ts';
import { getConfig } from '../config.ts';
import { recordBase } from '../learning-record/record-base.ts';
import { learnerAssignments, type LearnerAssignment } from './learner-status.ts';
import { getItemCatalog } from './page-catalog.ts';

export type { LearnerAssignment } from './learner-status.ts';

/** Everything assigned to a learner (for /learn), most urgent first, as of now. */
export async function listLearnerAssignments(
  db: Database,
  userId: string,
): Promise<LearnerAssignment[]> {
  return learnerAssignments(db, userId, await getItemCatalog(), {
    origin: recordBase(db),
    now: now(),
    timeZone: getConfig().ORG_TIME_ZONE,
  });
}
