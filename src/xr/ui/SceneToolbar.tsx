import { useState } from 'react';
import { useStore } from 'zustand';
import type { SceneBridge } from '../scene-bridge.ts';
import type { Viewpoint } from '../viewpoints.ts';
import type { XrKit } from '../xr-layer.tsx';

/** Enter VR, viewpoints and display switches. */
export function SceneToolbar({
  bridge,
  xr,
  viewpoints,
  onFullscreen,
}: {
  bridge: SceneBridge;
  /** The headset layer, once loaded (null where VR is not possible). */
  xr: XrKit | null;
  viewpoints: readonly Viewpoint[];
  onFullscreen: () => void;
}) {
  const showLabels = useStore(bridge, (s) => s.showLabels);
  const showEnergization = useStore(bridge, (s) => s.showEnergization);
  const isMuted = useStore(bridge, (s) => s.isMuted);
  const isPresenting = useStore(bridge, (s) => s.isPresenting);
  const [vrError, setVrError] = useState<string | null>(null);
  const set = bridge.getState().set;
  return (
    <div className="sim-toolbar">
      {xr ? (
        <button
          type="button"
          data-testid="enter-vr"
          onClick={() => {
            setVrError(null);
            xr.enterVR().catch((error: unknown) =>
              setVrError(
                error instanceof Error ? error.message : 'The headset refused the session.',
              ),
            );
          }}
          disabled={isPresenting}
        >
          {isPresenting ? 'In VR' : 'Enter VR'}
        </button>
      ) : (
        <span className="muted small">Open this page in a headset's browser to enter VR.</span>
      )}
      {vrError ? <span className="notice error small">{vrError}</span> : null}
      <div className="field inline">
        <label htmlFor="sim-viewpoint">Go to</label>
        <select
          id="sim-viewpoint"
          defaultValue=""
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value) bridge.getState().request('viewpoint', value);
          }}
        >
          <option value="" disabled>
            Choose a viewpoint…
          </option>
          {viewpoints.map((viewpoint) => (
            <option key={viewpoint.id} value={viewpoint.id}>
              {viewpoint.label}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={showLabels}
          onChange={(event) => set({ showLabels: event.currentTarget.checked })}
        />{' '}
        Labels
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={showEnergization}
          onChange={(event) => set({ showEnergization: event.currentTarget.checked })}
        />{' '}
        Live and earthed colours
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={isMuted}
          onChange={(event) => set({ isMuted: event.currentTarget.checked })}
        />{' '}
        Mute
      </label>
      <button type="button" className="secondary" onClick={onFullscreen}>
        Full screen
      </button>
    </div>
  );
}
