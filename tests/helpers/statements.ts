/** Builders of xAPI statements for tests. */

export const VERB = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

export const COURSE = 'https://switchyard.example/courses/substation-fundamentals';
export const LESSON = `${COURSE}/breakers`;

/** An agent identified by e-mail. */
export function mboxAgent(name: string) {
  return {
    objectType: 'Agent' as const,
    name,
    mbox: `mailto:${name.toLowerCase().replace(/\W+/g, '.')}@utility.example`,
  };
}

/** A minimal valid statement: someone completed a lesson of a course; fields may be overridden. */
export function makeStatement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: crypto.randomUUID(),
    actor: mboxAgent('Ada Operator'),
    verb: { id: VERB.completed, display: { 'en-US': 'completed' } },
    object: {
      objectType: 'Activity',
      id: LESSON,
      definition: { name: { 'en-US': 'Breakers', 'fr-FR': 'Disjoncteurs' } },
    },
    context: { contextActivities: { parent: [{ id: COURSE }] } },
    timestamp: '2026-03-01T09:30:00.000Z',
    ...overrides,
  };
}

/** A statement voiding another. */
export function voiding(targetId: string, overrides: Record<string, unknown> = {}) {
  return makeStatement({
    actor: mboxAgent('Training Admin'),
    verb: { id: VERB.voided },
    object: { objectType: 'StatementRef', id: targetId },
    context: undefined,
    ...overrides,
  });
}
