import type { DeviceView } from '../../sim/describe.ts';

const STROKE = 'var(--sld-ink)';

function ground(y: number) {
  return (
    <g stroke={STROKE} strokeWidth={2}>
      <line x1={0} y1={y - 6} x2={0} y2={y} />
      <line x1={-8} y1={y} x2={8} y2={y} />
      <line x1={-5} y1={y + 3} x2={5} y2={y + 3} />
      <line x1={-2} y1={y + 6} x2={2} y2={y + 6} />
    </g>
  );
}

/** The standard single-line symbol of a device, drawn around (0, 0) and pointing down. */
export function SldSymbol({ view }: { view: DeviceView }) {
  const isClosed = view.position === 'closed';
  switch (view.type) {
    case 'circuit-breaker':
      return (
        <rect
          x={-9}
          y={-9}
          width={18}
          height={18}
          stroke={STROKE}
          strokeWidth={2.5}
          fill={isClosed ? STROKE : 'var(--sld-paper)'}
        />
      );
    case 'disconnector':
    case 'earthing-switch':
      return (
        <g stroke={STROKE} strokeWidth={2.5} fill="var(--sld-paper)">
          <line x1={0} y1={-12} x2={0} y2={-8} />
          <line x1={-5} y1={-8} x2={5} y2={-8} />
          <line x1={0} y1={10} x2={isClosed ? 0 : 9} y2={isClosed ? -8 : -6} />
          <circle cx={0} cy={10} r={2.5} />
          {view.type === 'earthing-switch' ? ground(19) : <line x1={0} y1={12} x2={0} y2={14} />}
        </g>
      );
    case 'power-transformer':
    case 'station-service-transformer': {
      const r = view.type === 'power-transformer' ? 13 : 8;
      return (
        <g stroke={STROKE} strokeWidth={2.5} fill="none">
          <circle cx={0} cy={-r * 0.6} r={r} />
          <circle cx={0} cy={r * 0.6} r={r} />
        </g>
      );
    }
    case 'line':
      return <path d="M -10 -8 L 10 -8 L 0 10 Z" fill={STROKE} />;
    case 'feeder':
      return <path d="M -8 -6 L 8 -6 L 0 10 Z" fill={STROKE} />;
    case 'line-trap':
      return (
        <rect
          x={-6}
          y={-10}
          width={12}
          height={20}
          rx={6}
          stroke={STROKE}
          strokeWidth={2}
          fill="var(--sld-paper)"
        />
      );
    case 'current-transformer':
      return <circle r={6} stroke={STROKE} strokeWidth={2} fill="none" />;
    case 'voltage-transformer':
      return (
        <g stroke={STROKE} strokeWidth={2} fill="var(--sld-paper)">
          <circle cx={0} cy={0} r={7} />
          <circle cx={0} cy={8} r={7} />
          {ground(22)}
        </g>
      );
    case 'surge-arrester':
      return (
        <g stroke={STROKE} strokeWidth={2} fill="var(--sld-paper)">
          <rect x={-5} y={-10} width={10} height={18} />
          <path d="M 0 -7 L 0 3 M -3 0 L 0 4 L 3 0" fill="none" />
          {ground(16)}
        </g>
      );
    case 'capacitor-bank':
      return (
        <g stroke={STROKE} strokeWidth={2.5}>
          <line x1={-10} y1={-3} x2={10} y2={-3} />
          <line x1={-10} y1={3} x2={10} y2={3} />
          <line x1={0} y1={-12} x2={0} y2={-3} />
          <line x1={0} y1={3} x2={0} y2={10} />
        </g>
      );
    case 'pv-plant':
      return (
        <g stroke={STROKE} strokeWidth={2} fill="var(--sld-paper)">
          <rect x={-12} y={-10} width={24} height={20} />
          <line x1={-12} y1={10} x2={12} y2={-10} />
          <circle cx={-5} cy={-3} r={3} />
        </g>
      );
    case 'busbar':
      return null;
    default:
      return null;
  }
}
