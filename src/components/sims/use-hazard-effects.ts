import { useEffect, useMemo } from 'react';
import { createHazardSounds } from '../../client/sims/audio.ts';
import {
  eventsAfter,
  type AttemptStore,
  type LoggedEvent,
} from '../../client/sims/attempt-store.ts';
import { hazardOf, type HazardKind } from '../../sim/hazards.ts';

/**
 * Plays the hazard sounds for new events and tells the view to flash; returns the mute switch.
 * Not `isLive` (a replay being watched): no sound and no flash, as nothing is happening now.
 */
export function useHazardEffects(
  store: AttemptStore,
  onHazard: (kind: Exclude<HazardKind, null>, event: LoggedEvent) => void,
  isLive = true,
): (isMuted: boolean) => void {
  const sounds = useMemo(() => createHazardSounds(), []);
  useEffect(() => {
    if (!isLive) return undefined;
    let lastSeq = store.getState().events.at(-1)?.seq ?? 0;
    return store.subscribe((state) => {
      const fresh = eventsAfter(state, lastSeq);
      if (fresh.length === 0) return;
      lastSeq = fresh.at(-1)?.seq ?? lastSeq;
      const { kind, event } = hazardOf(fresh);
      if (kind === null || event === null) return;
      if (kind === 'arc-flash') sounds.arcFlash();
      else sounds.alarm();
      onHazard(kind, event);
    });
  }, [store, sounds, onHazard, isLive]);
  return sounds.setMuted;
}
