import { useStore } from 'zustand';
import { deviceView } from '../../sim/describe.ts';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import type { SceneBridge } from '../scene-bridge.ts';

/** What the pointer is over, in words, over the bottom of the view. */
export function HoverReadout({ attempt, bridge }: { attempt: AttemptStore; bridge: SceneBridge }) {
  const hovered = useStore(bridge, (s) => s.hovered);
  const sim = useStore(attempt, (s) => s.sim);
  const view = hovered === null ? null : deviceView(sim, hovered);
  return (
    <p className="sim-hover" data-testid="hover-readout" data-device={hovered ?? ''}>
      {view ? view.accessibleName : 'Drag to look around · click equipment to select it'}
    </p>
  );
}
