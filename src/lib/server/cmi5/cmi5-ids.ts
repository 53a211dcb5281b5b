import { createHash } from 'node:crypto';

/**
 * LMS-generated ids (cmi5 8.1 activityId, 9.3.9 block and course ids): under the deployment's
 * origin, never equal to the publisher's ids, the same for an AU in every registration and version.
 */
const short = (publisherId: string) =>
  createHash('sha256').update(publisherId).digest('base64url').slice(0, 16);

export const cmi5Ids = {
  /** The course's Switchyard activity, also the LMS course id of its `satisfied` statement. */
  course: (origin: string, courseId: string): string => `${origin}/courses/${courseId}`,
  au: (origin: string, courseId: string, publisherAuId: string): string =>
    `${origin}/cmi5/${courseId}/au/${short(publisherAuId)}`,
  block: (origin: string, courseId: string, publisherBlockId: string): string =>
    `${origin}/cmi5/${courseId}/block/${short(publisherBlockId)}`,
};

/** cmi5 vocabulary (cmi5 9.3, 9.5.5, 9.6). */
export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
  blockType: 'https://w3id.org/xapi/cmi5/activitytype/block',
  courseType: 'https://w3id.org/xapi/cmi5/activitytype/course',
} as const;

const ADL = 'http://adlnet.gov/expapi/verbs/';
const W3ID = 'https://w3id.org/xapi/adl/verbs/';
/** The verbs cmi5 defines (cmi5 9.3). */
export const CMI5_VERBS = {
  launched: `${ADL}launched`,
  initialized: `${ADL}initialized`,
  completed: `${ADL}completed`,
  passed: `${ADL}passed`,
  failed: `${ADL}failed`,
  abandoned: `${W3ID}abandoned`,
  waived: `${W3ID}waived`,
  terminated: `${ADL}terminated`,
  satisfied: `${W3ID}satisfied`,
} as const;

export type Cmi5Verb = keyof typeof CMI5_VERBS;

/** The cmi5 verb name of a verb id, or null for other verbs. */
export function cmi5VerbOf(id: string): Cmi5Verb | null {
  const entry = Object.entries(CMI5_VERBS).find(([, value]) => value === id);
  return entry ? (entry[0] as Cmi5Verb) : null;
}
