import type { Viewer } from '../scene-bridge.ts';

const BUTTONS = [
  { code: 'KeyW', label: 'Walk forward', glyph: '▲', area: 'up' },
  { code: 'ArrowLeft', label: 'Turn left', glyph: '↺', area: 'left' },
  { code: 'ArrowRight', label: 'Turn right', glyph: '↻', area: 'right' },
  { code: 'KeyS', label: 'Walk back', glyph: '▼', area: 'down' },
] as const;

/** On-screen movement buttons for touch screens (hold to move); a keyboard press moves a little. */
export function TouchPad({ viewer }: { viewer: Viewer }) {
  const release = (code: string) => viewer.held.delete(code);
  return (
    <div className="sim-touchpad" role="group" aria-label="Move">
      {BUTTONS.map(({ code, label, glyph, area }) => (
        <button
          key={code}
          type="button"
          className={`pad-${area}`}
          aria-label={label}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            viewer.held.add(code);
          }}
          onPointerUp={() => release(code)}
          onPointerCancel={() => release(code)}
          onLostPointerCapture={() => release(code)}
          onClick={(event) => {
            if (event.detail !== 0) return;
            viewer.held.add(code);
            setTimeout(() => release(code), 350);
          }}
        >
          {glyph}
        </button>
      ))}
    </div>
  );
}
