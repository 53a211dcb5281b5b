import { portDevice } from './faults.ts';
import type { SwitchPosition } from './schema/common.ts';
import type { Device, DeviceType } from './schema/device.ts';
import type { NodeEnergization } from './energization.ts';
import type { SimState } from './state.ts';
import { portKey } from './topology.ts';

/** What each device type is called in the UI and in identification choices. */
export const DEVICE_TYPE_LABELS: Readonly<Record<DeviceType, string>> = {
  line: 'incoming transmission line',
  'line-trap': 'line trap (wave trap)',
  'surge-arrester': 'surge arrester',
  'voltage-transformer': 'voltage transformer (VT / CCVT)',
  'current-transformer': 'current transformer (CT)',
  disconnector: 'disconnector (isolator)',
  'earthing-switch': 'earthing (grounding) switch',
  'circuit-breaker': 'circuit breaker',
  'power-transformer': 'power transformer',
  busbar: 'busbar',
  feeder: 'distribution feeder',
  'capacitor-bank': 'capacitor bank',
  'pv-plant': 'PV plant (DER)',
  'station-service-transformer': 'station service transformer',
  'relay-ied': 'protection relay (IED)',
  'rtu-gateway': 'RTU / gateway',
  hmi: 'HMI workstation',
  'gps-clock': 'GPS clock',
  'station-switch': 'station Ethernet switch',
  firewall: 'firewall',
  'unknown-device': 'unknown device',
};

/** A device as the 3D scene and the 2D mode list it. */
export interface DeviceView {
  readonly id: string;
  readonly type: DeviceType;
  readonly name: string;
  /** Name plus state, for screen readers and labels: "52-T1L, T1 13.8 kV main breaker: open, locked". */
  readonly accessibleName: string;
  readonly bay: string;
  readonly position: SwitchPosition | null;
  /** Live if any terminal is live, else earthed if any is earthed, else dead; null for network devices. */
  readonly energization: NodeEnergization | null;
  readonly lockedBy: readonly string[];
  readonly taggedBy: readonly string[];
  readonly connections: readonly string[];
  readonly placement: Device['placement'];
  readonly sld: Device['sld'];
  /**
   * True when the view is what SCADA shows and SCADA has lost this device's telemetry: position
   * and energization are then unknown (null), whatever the plant really is.
   */
  readonly isTelemetryLost: boolean;
}

/** How a view reads the plant: as it is (in the yard), or as SCADA shows it (control room, HMI). */
export interface ViewOptions {
  /** Show telemetry-lost devices' state as unknown, as a SCADA display does. */
  readonly asScada?: boolean;
}

/** Every device of the attempt (including scenario-only ones), with its current state. */
export function listDevices(state: SimState, options: ViewOptions = {}): DeviceView[] {
  return state.model.devices.map((device) => viewOf(state, device, options));
}

/** One device's view, or null if the id is unknown. */
export function deviceView(
  state: SimState,
  id: string,
  options: ViewOptions = {},
): DeviceView | null {
  const device = state.model.deviceById.get(id);
  return device === undefined ? null : viewOf(state, device, options);
}

/** What a SCADA display says of a device whose telemetry is lost. */
export const TELEMETRY_LOST_TEXT = 'state unknown (SCADA telemetry lost)';

function viewOf(state: SimState, device: Device, options: ViewOptions): DeviceView {
  const isTelemetryLost =
    options.asScada === true && state.faults.telemetryLost.includes(device.id);
  const position = isTelemetryLost ? null : (state.positions[device.id] ?? null);
  const energization = isTelemetryLost ? null : deviceEnergization(state, device);
  const lockedBy = state.locks[device.id] ?? [];
  const taggedBy = state.tags[device.id] ?? [];
  const facts = [
    isTelemetryLost ? TELEMETRY_LOST_TEXT : null,
    position,
    energization,
    lockedBy.length > 0 ? 'locked' : null,
    taggedBy.length > 0 ? 'tagged' : null,
  ].filter((fact): fact is string => fact !== null);
  const accessibleName = `${device.id}, ${device.name}${facts.length > 0 ? `: ${facts.join(', ')}` : ''}`;
  return {
    id: device.id,
    type: device.type,
    name: device.name,
    accessibleName,
    bay: device.bay,
    position,
    energization,
    lockedBy,
    taggedBy,
    connections: device.connections,
    placement: device.placement,
    sld: device.sld,
    isTelemetryLost,
  };
}

function deviceEnergization(state: SimState, device: Device): NodeEnergization | null {
  if (device.connections.length === 0) return null;
  const states = device.connections.map((node) => state.energization[node] ?? 'dead');
  if (states.includes('live')) return 'live';
  return states.includes('earthed') ? 'earthed' : 'dead';
}

/** A paragraph describing a device as it is now, for the inspect panel and screen readers. */
export function describeDevice(
  state: SimState,
  id: string,
  options: ViewOptions = {},
): string | null {
  const device = state.model.deviceById.get(id);
  if (device === undefined) return null;
  const view = viewOf(state, device, options);
  const parts = [
    `${device.name} (${device.id}), ${DEVICE_TYPE_LABELS[device.type]}. ${device.description}`,
  ];
  if (view.isTelemetryLost)
    parts.push('SCADA has lost its telemetry: its position and voltage are unknown here.');
  if (view.position !== null) parts.push(`It is ${view.position}.`);
  if (view.energization !== null) parts.push(`Its conductors are ${view.energization}.`);
  if (view.lockedBy.length > 0) parts.push(`Locked by ${view.lockedBy.join(', ')}.`);
  if (view.taggedBy.length > 0) parts.push(`Tagged Do Not Operate by ${view.taggedBy.join(', ')}.`);
  if (device.functions !== undefined) parts.push(`Functions: ${device.functions.join(', ')}.`);
  if (device.network !== undefined) parts.push(`Network address ${device.network.ip}.`);
  if (device.type === 'line')
    parts.push(`Far-end breaker: ${state.remoteEnds[device.id] ?? 'closed'}.`);
  return parts.join(' ');
}

/** Node id -> live / dead / earthed. */
export function nodeEnergization(state: SimState): Readonly<Record<string, NodeEnergization>> {
  return state.energization;
}

/** A station-switch port as the control-house view shows it. */
export interface PortView {
  readonly switch: string;
  readonly number: number;
  /** The port's label, or `Port <number>`. */
  readonly label: string;
  /** Id of the device cabled to it, or null for an empty port. */
  readonly connectedTo: string | null;
  readonly isEnabled: boolean;
  /** Enabled with a device cabled to it. */
  readonly isLinkUp: boolean;
  /** Whether the learner has inspected it in this attempt. */
  readonly wasInspected: boolean;
}

/** The ports of every station switch (or of one), in port order, as they stand in this attempt. */
export function listPorts(state: SimState, switchId?: string): PortView[] {
  const views: PortView[] = [];
  for (const [id, ports] of state.model.ports) {
    if (switchId !== undefined && id !== switchId) continue;
    for (const port of [...ports.values()].sort((a, b) => a.number - b.number)) {
      const key = portKey(id, port.number);
      const isEnabled = state.portEnabled[key] === true;
      const device = portDevice(state, id, port.number);
      views.push({
        switch: id,
        number: port.number,
        label: port.label ?? `Port ${port.number}`,
        connectedTo: device ?? null,
        isEnabled,
        isLinkUp: isEnabled && device !== undefined,
        wasInspected: state.inspectedPorts.includes(key),
      });
    }
  }
  return views;
}
