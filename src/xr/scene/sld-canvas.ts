import { listDevices, type DeviceView } from '../../sim/describe.ts';
import type { SimState } from '../../sim/state.ts';
import { portKey } from '../../sim/topology.ts';
import { attachPoint, barExtent, isNetworkDevice } from '../../client/sims/sld-geometry.ts';

const INK = { live: '#ff5a44', dead: '#8a969c', earthed: '#33d17a' } as const;
const SCALE = 1.42;
/** Ink of a device whose state SCADA no longer knows. */
const UNKNOWN = '#d9a400';

/** Draws the live single-line diagram and station network, HMI style, onto a 2048 x 1024 canvas. */
export function drawSld(
  context: CanvasRenderingContext2D,
  sim: SimState,
  alarm: string | null,
): void {
  const { canvas } = context;
  context.fillStyle = '#0d1820';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#17303d';
  context.fillRect(0, 0, canvas.width, 56);
  context.fillStyle = '#e8f1f4';
  context.font = 'bold 34px sans-serif';
  context.textAlign = 'left';
  context.fillText(`${sim.model.substation.name.toUpperCase()} · LIVE MIMIC`, 24, 40);
  const state = (node: string) => sim.energization[node] ?? 'dead';
  const px = (x: number) => (x - 20) * SCALE + 10;
  const py = (y: number) => (y - 10) * SCALE + 40;
  const nx = (x: number) => (x - 1000) * SCALE + 1420;
  context.lineCap = 'round';
  for (const node of sim.model.nodes) {
    const bar = barExtent(node);
    if (bar === null) continue;
    context.strokeStyle = INK[state(node.id)];
    context.lineWidth = 10;
    line(context, px(bar.from), py(node.sld.y), px(bar.to), py(node.sld.y));
  }
  // The mimic is a SCADA display: devices whose telemetry is lost show no state.
  const views = listDevices(sim, { asScada: true });
  for (const view of views) {
    const device = sim.model.deviceById.get(view.id);
    if (device === undefined || isNetworkDevice(device) || view.type === 'busbar') continue;
    for (const nodeId of device.connections) {
      const index = sim.model.nodeIndex.get(nodeId);
      const node = index === undefined ? undefined : sim.model.nodes[index];
      if (node === undefined) continue;
      const end = attachPoint(device, node);
      context.strokeStyle = view.isTelemetryLost ? UNKNOWN : INK[state(nodeId)];
      context.lineWidth = 4;
      context.setLineDash(
        view.isTelemetryLost ? [3, 9] : state(nodeId) === 'earthed' ? [10, 6] : [],
      );
      line(context, px(device.sld.x), py(device.sld.y), px(end.x), py(end.y));
      context.setLineDash([]);
    }
  }
  context.font = '20px sans-serif';
  for (const view of views) {
    const device = sim.model.deviceById.get(view.id);
    if (device === undefined) continue;
    if (isNetworkDevice(device))
      drawNetworkDevice(context, sim, view, nx(view.sld.x), py(view.sld.y));
    else drawSymbol(context, view, px(view.sld.x), py(view.sld.y));
  }
  if (alarm !== null) {
    context.fillStyle = '#b3261e';
    context.fillRect(0, canvas.height - 70, canvas.width, 70);
    context.fillStyle = '#ffffff';
    context.font = 'bold 32px sans-serif';
    context.textAlign = 'left';
    context.fillText(`ALARM: ${alarm}`.slice(0, 110), 24, canvas.height - 24);
  }
}

function line(
  context: CanvasRenderingContext2D,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): void {
  context.beginPath();
  context.moveTo(x1, y1);
  context.lineTo(x2, y2);
  context.stroke();
}

function drawSymbol(
  context: CanvasRenderingContext2D,
  view: DeviceView,
  x: number,
  y: number,
): void {
  const isClosed = view.position === 'closed';
  context.lineWidth = 4;
  context.strokeStyle = '#dfe8eb';
  if (view.isTelemetryLost) {
    context.strokeStyle = UNKNOWN;
    context.strokeRect(x - 13, y - 13, 26, 26);
    context.fillStyle = UNKNOWN;
    context.textAlign = 'center';
    context.fillText('?', x, y + 7);
    context.textAlign = 'left';
    context.fillText(`${view.id} (no telemetry)`, x + 18, y + 7);
    return;
  }
  switch (view.type) {
    case 'circuit-breaker':
      context.fillStyle = isClosed ? '#e3261c' : '#0d1820';
      context.strokeStyle = isClosed ? '#e3261c' : '#1fb344';
      context.fillRect(x - 13, y - 13, 26, 26);
      context.strokeRect(x - 13, y - 13, 26, 26);
      break;
    case 'disconnector':
    case 'earthing-switch':
      context.strokeStyle = isClosed ? '#e3261c' : '#1fb344';
      line(context, x, y + 14, isClosed ? x : x + 13, isClosed ? y - 12 : y - 9);
      line(context, x - 7, y - 12, x + 7, y - 12);
      if (view.type === 'earthing-switch') {
        context.strokeStyle = '#dfe8eb';
        line(context, x - 10, y + 20, x + 10, y + 20);
        line(context, x - 6, y + 25, x + 6, y + 25);
      }
      break;
    case 'power-transformer':
      context.beginPath();
      context.arc(x, y - 10, 17, 0, Math.PI * 2);
      context.moveTo(x + 17, y + 10);
      context.arc(x, y + 10, 17, 0, Math.PI * 2);
      context.stroke();
      break;
    case 'busbar':
      break;
    default:
      context.beginPath();
      context.arc(x, y, 8, 0, Math.PI * 2);
      context.stroke();
  }
  if (view.type === 'busbar') return;
  context.fillStyle = '#e8f1f4';
  context.textAlign = 'left';
  const marks = (view.lockedBy.length > 0 ? ' L' : '') + (view.taggedBy.length > 0 ? ' T' : '');
  context.fillText(view.id + marks, x + 18, y + 7);
}

function drawNetworkDevice(
  context: CanvasRenderingContext2D,
  sim: SimState,
  view: DeviceView,
  x: number,
  y: number,
): void {
  const isSwitch = view.type === 'station-switch';
  const w = isSwitch ? 150 : 52;
  const device = sim.model.deviceById.get(view.id);
  context.fillStyle = device?.network?.registered === false ? '#7a2a1f' : '#1d3a48';
  context.fillRect(x - w, y - 20, w * 2, 40);
  context.fillStyle = '#e8f1f4';
  context.textAlign = 'center';
  context.fillText(view.id, x, y + 7);
  if (!isSwitch) return;
  for (const [number, port] of sim.model.ports.get(view.id) ?? []) {
    const isUp =
      (sim.portEnabled[portKey(view.id, number)] ?? false) && port.connectedTo !== undefined;
    context.fillStyle = isUp ? '#33d17a' : '#4a555b';
    context.fillRect(x - w + 4 + (number - 1) * 18.5, y + 24, 14, 10);
  }
}
