/** How scores are rounded and shown, for the server and the pages alike. */

/** A scaled score (0 to 1) kept to three decimals, as statements and completions record it. */
export function roundScaled(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** `score` out of `max` as a scaled score of three decimals; 0 when nothing could be scored. */
export function scaledScore(score: number, max: number): number {
  return max > 0 ? roundScaled(score / max) : 0;
}

/** A scaled score as a whole percentage: 0.875 -> 88. */
export function toPercent(scaled: number): number {
  return Math.round(scaled * 100);
}

/** A scaled score as text, `88%`. */
export function formatPercent(scaled: number): string {
  return `${toPercent(scaled)}%`;
}

/** How far through its steps a course is, as a whole percentage. */
export function progressPercent(progress: { doneCount: number; requiredCount: number }): number {
  return toPercent(progress.doneCount / Math.max(1, progress.requiredCount));
}
