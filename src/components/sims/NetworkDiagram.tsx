import { listDevices, listPorts } from '../../sim/describe.ts';
import type { SimState } from '../../sim/state.ts';
import { DiagramWidget, type DiagramItem } from './DiagramWidget.tsx';
import { isNetworkDevice } from '../../client/sims/sld-geometry.ts';

/** The control-house network: the station switch, what each port serves, and link state. */
export function NetworkDiagram({
  sim,
  selected,
  onActivate,
  focusRequest,
}: {
  sim: SimState;
  selected: string | null;
  onActivate: (id: string) => void;
  focusRequest?: { id: string; serial: number } | null;
}) {
  const views = listDevices(sim).filter((view) => {
    const device = sim.model.deviceById.get(view.id);
    return device !== undefined && isNetworkDevice(device);
  });
  const links = views
    .filter((view) => view.type === 'station-switch')
    .flatMap((view) => {
      const ports = sim.model.ports.get(view.id);
      return listPorts(sim, view.id).flatMap((port) => {
        const target = ports?.get(port.number)?.connectedTo;
        const device = target === undefined ? undefined : sim.model.deviceById.get(target);
        if (device === undefined) return [];
        return [
          <line
            key={`${view.id}-${port.number}`}
            className={port.isLinkUp ? 'net-up' : 'net-down'}
            x1={view.sld.x - 90 + port.number * 11}
            y1={view.sld.y}
            x2={device.sld.x}
            y2={device.sld.y}
          />,
        ];
      });
    });
  const items: DiagramItem[] = views.map((view) => {
    const isSwitch = view.type === 'station-switch';
    const w = isSwitch ? 100 : 34;
    const h = isSwitch ? 16 : 14;
    const device = sim.model.deviceById.get(view.id);
    const isRegistered = device?.network?.registered !== false;
    return {
      id: view.id,
      at: { x: view.sld.x, y: view.sld.y },
      label: view.accessibleName,
      box: { w: w + 4, h: h + 4 },
      drawing: (
        <g>
          <rect
            x={view.sld.x - w}
            y={view.sld.y - h}
            width={w * 2}
            height={h * 2}
            rx={5}
            className={`net-box${isRegistered ? '' : ' is-unknown'}`}
          />
          <text x={view.sld.x} y={view.sld.y + 4} textAnchor="middle" className="sld-label">
            {view.id}
          </text>
          {isSwitch
            ? listPorts(sim, view.id).map((port) => (
                <rect
                  key={port.number}
                  x={view.sld.x - 90 + port.number * 11 - 4}
                  y={view.sld.y + h - 9}
                  width={8}
                  height={6}
                  className={port.isLinkUp ? 'net-port-up' : 'net-port-down'}
                />
              ))
            : null}
        </g>
      ),
    };
  });
  return (
    <DiagramWidget
      label={`Control-house network of ${sim.model.substation.name}`}
      viewBox="1000 30 400 520"
      items={items}
      background={<g aria-hidden="true">{links}</g>}
      selected={selected}
      onActivate={onActivate}
      focusRequest={focusRequest ?? null}
    />
  );
}
