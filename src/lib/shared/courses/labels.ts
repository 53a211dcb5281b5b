/** Human labels for content enums. */
export const AUDIENCE_LABEL = { it: 'IT staff', ot: 'OT staff', all: 'Everyone' } as const;
export const LEVEL_LABEL = {
  introductory: 'Introductory',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
} as const;
export const KIND_LABEL = {
  reading: 'Reading',
  lab: 'Data lab',
  simulation: 'Simulation',
} as const;

/** "1 h 30 min" from minutes. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
