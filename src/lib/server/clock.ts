/** Milliseconds since the epoch. Tests move time with SWITCHYARD_CLOCK_OFFSET_MS (never set in production). */
export function now(): number {
  const offset = Number(process.env['SWITCHYARD_CLOCK_OFFSET_MS'] ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}
