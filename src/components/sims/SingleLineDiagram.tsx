import type { DeviceView } from '../../sim/describe.ts';
import type { NodeEnergization } from '../../sim/energization.ts';
import type { SimState } from '../../sim/state.ts';
import { listDevices } from '../../sim/describe.ts';
import { DiagramWidget, type DiagramItem } from './DiagramWidget.tsx';
import { SldSymbol } from './SldSymbol.tsx';
import { attachPoint, barExtent, isNetworkDevice } from '../../client/sims/sld-geometry.ts';

const LINE_CLASS: Record<NodeEnergization, string> = {
  live: 'sld-live',
  dead: 'sld-dead',
  earthed: 'sld-earthed',
};

/**
 * The single-line diagram from the model's coordinates, coloured and patterned by energization.
 * As a SCADA display (`asScada`), devices whose telemetry is lost show an unknown state.
 */
export function SingleLineDiagram({
  sim,
  selected,
  onActivate,
  focusRequest,
  asScada = false,
}: {
  sim: SimState;
  selected: string | null;
  onActivate: (id: string) => void;
  focusRequest?: { id: string; serial: number } | null;
  asScada?: boolean;
}) {
  const views = listDevices(sim, { asScada }).filter((view) => {
    const device = sim.model.deviceById.get(view.id);
    return device !== undefined && !isNetworkDevice(device);
  });
  const nodeState = (id: string): NodeEnergization => sim.energization[id] ?? 'dead';
  const wires = views.flatMap((view) => {
    const device = sim.model.deviceById.get(view.id);
    if (device === undefined || view.type === 'busbar') return [];
    return device.connections.map((nodeId) => {
      const index = sim.model.nodeIndex.get(nodeId);
      const node = index === undefined ? undefined : sim.model.nodes[index];
      if (node === undefined) return null;
      const end = attachPoint(device, node);
      return (
        <line
          key={`${view.id}-${nodeId}`}
          className={view.isTelemetryLost ? 'sld-unknown' : LINE_CLASS[nodeState(nodeId)]}
          x1={device.sld.x}
          y1={device.sld.y}
          x2={end.x}
          y2={end.y}
        />
      );
    });
  });
  const bars = sim.model.nodes.flatMap((node) => {
    const bar = barExtent(node);
    return bar === null
      ? []
      : [
          <line
            key={node.id}
            className={`sld-bus ${LINE_CLASS[nodeState(node.id)]}`}
            x1={bar.from}
            y1={node.sld.y}
            x2={bar.to}
            y2={node.sld.y}
          />,
        ];
  });
  const earthMarks = sim.model.nodes
    .filter((node) => nodeState(node.id) === 'earthed' && barExtent(node) === null)
    .map((node) => (
      <path
        key={`e-${node.id}`}
        className="sld-earth-mark"
        d={`M ${node.sld.x - 22} ${node.sld.y - 6} v 6 m -7 0 h 14 m -11 4 h 8 m -5 4 h 2`}
      />
    ));
  const grounds = sim.grounds.map((nodeId) => {
    const index = sim.model.nodeIndex.get(nodeId);
    const node = index === undefined ? undefined : sim.model.nodes[index];
    return node === undefined ? null : (
      <g key={`g-${nodeId}`} className="sld-portable-ground" aria-hidden="true">
        <line x1={node.sld.x} y1={node.sld.y} x2={node.sld.x + 18} y2={node.sld.y + 10} />
        <text x={node.sld.x + 20} y={node.sld.y + 22}>
          PG
        </text>
      </g>
    );
  });
  const holds = views
    .filter((view) => view.lockedBy.length > 0 || view.taggedBy.length > 0)
    .map((view) => (
      <text key={`h-${view.id}`} x={view.sld.x + 14} y={view.sld.y + 20} className="sld-holds">
        {(view.lockedBy.length > 0 ? 'L' : '') + (view.taggedBy.length > 0 ? 'T' : '')}
      </text>
    ));
  const items: DiagramItem[] = views.map((view) => itemFor(view, sim));
  const lost = views.filter((view) => view.isTelemetryLost).map((view) => view.id);
  const diagram = (
    <DiagramWidget
      label={`Single-line diagram of ${sim.model.substation.name}`}
      viewBox="20 10 940 680"
      items={items}
      background={
        <g aria-hidden="true">
          {bars}
          {wires}
          {earthMarks}
          {grounds}
          {holds}
        </g>
      }
      selected={selected}
      onActivate={onActivate}
      focusRequest={focusRequest ?? null}
    />
  );
  return lost.length === 0 ? (
    diagram
  ) : (
    <>
      {diagram}
      <p className="notice sld-telemetry-lost" data-testid="telemetry-lost">
        SCADA telemetry lost for {lost.join(', ')} (marked ?): their states are unknown until
        telemetry returns. Confirm each by a field report.
      </p>
    </>
  );
}

function itemFor(view: DeviceView, sim: SimState): DiagramItem {
  if (view.type === 'busbar') {
    const width = view.sld.width ?? 100;
    return {
      id: view.id,
      at: { x: view.sld.x, y: view.sld.y },
      label: view.accessibleName,
      box: { w: width / 2, h: 8 },
      drawing: (
        <text x={view.sld.x - width / 2 + 4} y={view.sld.y - 10} className="sld-label">
          {view.id}
        </text>
      ),
    };
  }
  const rotation = view.sld.rotation ?? 0;
  const isHorizontal = Math.abs(rotation % 180) === 90;
  return {
    id: view.id,
    at: { x: view.sld.x, y: view.sld.y },
    label: view.accessibleName,
    drawing: (
      <g>
        <g
          transform={`translate(${view.sld.x} ${view.sld.y}) rotate(${-rotation})`}
          className={view.isTelemetryLost ? 'sld-unknown-symbol' : undefined}
        >
          <SldSymbol view={view} />
        </g>
        {view.isTelemetryLost ? (
          <text x={view.sld.x - 16} y={view.sld.y - 12} className="sld-unknown-mark">
            ?
          </text>
        ) : null}
        <text
          x={view.sld.x + (isHorizontal ? 0 : 14)}
          y={view.sld.y + (isHorizontal ? (view.type === 'circuit-breaker' ? 28 : -16) : 4)}
          textAnchor={isHorizontal ? 'middle' : 'start'}
          className={`sld-label${!view.isTelemetryLost && sim.energization[view.connections[0] ?? ''] === 'live' ? '' : ' is-dim'}`}
        >
          {view.id}
        </text>
      </g>
    ),
  };
}
