/** xAPI activity ids for Switchyard's learning objects, under the deployment's canonical origin. */
export const activityIds = {
  course: (origin: string, course: string): string => `${origin}/courses/${course}`,
  lesson: (origin: string, course: string, lesson: string): string =>
    `${origin}/courses/${course}/${lesson}`,
  check: (origin: string, course: string, lesson: string): string =>
    `${origin}/courses/${course}/${lesson}#check`,
  question: (origin: string, course: string, lesson: string, question: string): string =>
    `${origin}/courses/${course}/${lesson}#check-${question}`,
  lab: (origin: string, course: string, lesson: string): string =>
    `${origin}/courses/${course}/${lesson}#lab`,
  scenario: (origin: string, scenario: string): string => `${origin}/sims/${scenario}`,
  track: (origin: string, track: string): string => `${origin}/tracks/${track}`,
};

/** ADL verbs Switchyard uses. */
export const VERBS = {
  experienced: {
    id: 'http://adlnet.gov/expapi/verbs/experienced',
    display: { 'en-US': 'experienced' },
  },
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } },
} as const;

/** ADL activity types. */
export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
} as const;
