import type { PreparedStatement } from './prepare.ts';
import type { WriteState } from './read-state.ts';

/** What became of one batch of a group written together. */
export type WriteOutcome =
  | { ok: true; ids: string[]; storedCount: number }
  | { ok: false; reason: 'invalid' | 'conflict'; message: string };

/**
 * Decides, batch by batch and in arrival order, which batches of a group may be written: a batch
 * is refused whole when one of its statements conflicts with a stored one or with one an earlier
 * batch of the group brings, or voids a voiding statement. Returns the outcomes and the new statements.
 */
export function admitBatches(
  batches: PreparedStatement[][],
  state: WriteState,
): { outcomes: WriteOutcome[]; fresh: PreparedStatement[] } {
  const accepted = new Map<string, PreparedStatement>();
  const outcomes = batches.map((batch): WriteOutcome => {
    for (const p of batch) {
      const known = state.fingerprints.get(p.id) ?? accepted.get(p.id)?.fingerprint;
      if (known !== undefined && known !== p.fingerprint) {
        return {
          ok: false,
          reason: 'conflict',
          message: `statement ${p.id} is already stored with different content; statements never change (void it and send a new one)`,
        };
      }
      const target = p.voidsId ? state.targets.get(p.voidsId) : undefined;
      const isTargetVoiding =
        (target !== undefined && target['voids_id'] !== null) ||
        (p.voidsId !== null && accepted.get(p.voidsId)?.voidsId != null);
      if (isTargetVoiding && !state.fingerprints.has(p.id)) {
        return {
          ok: false,
          reason: 'invalid',
          message: `statement ${p.id} voids ${p.voidsId}, which is itself a voiding statement and cannot be voided`,
        };
      }
    }
    const fresh = batch.filter((p) => !state.fingerprints.has(p.id) && !accepted.has(p.id));
    for (const p of fresh) accepted.set(p.id, p);
    return { ok: true, ids: batch.map((p) => p.id), storedCount: fresh.length };
  });
  return { outcomes, fresh: [...accepted.values()] };
}
