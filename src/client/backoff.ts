/** How long to wait before retry `failures + 1`: doubling from `baseMs`, capped at `maxMs`. */
export function backoffDelay(
  failures: number,
  timing: { baseMs: number; maxMs: number },
  /** A factor in (0, 1] that spreads retries of many clients apart; none by default. */
  jitter = 1,
): number {
  return Math.min(timing.maxMs, timing.baseMs * 2 ** failures) * jitter;
}
