import { Vector3 } from 'three';
import type { Device } from '../../sim/schema/device.ts';
import type { Substation } from '../../sim/schema/substation.ts';
import { COLORS } from './colors.ts';
import type { PartBuilder } from './parts.ts';

/** Height of the control house walls, metres. */
export const WALL_HEIGHT = 3.2;
/** Height of the cable tray patch cables run up to. */
const TRAY_Y = 2.7;

/** The control house shell: walls with a door on the south side, roof, lights, cable tray, batteries. */
export function buildControlHouse(b: PartBuilder, area: Substation['controlHouse']): void {
  const x0 = area.x - area.width / 2;
  const x1 = area.x + area.width / 2;
  const z0 = area.z - area.depth / 2;
  const z1 = area.z + area.depth / 2;
  const h = WALL_HEIGHT;
  const t = 0.2;
  b.box(area.x, 0.02, area.z, area.width, 0.04, area.depth, COLORS.floor);
  b.box(area.x, h / 2, z0, area.width + t, h, t, COLORS.wall);
  b.box(x0, h / 2, area.z, t, h, area.depth, COLORS.wall);
  b.box(x1, h / 2, area.z, t, h, area.depth, COLORS.wall);
  // South wall with the door opening (1.2 m wide, 2.2 m high) east of centre.
  const doorX = area.x + 1.2;
  b.box((x0 + doorX - 0.6) / 2, h / 2, z1, doorX - 0.6 - x0, h, t, COLORS.wall);
  b.box((doorX + 0.6 + x1) / 2, h / 2, z1, x1 - doorX - 0.6, h, t, COLORS.wall);
  b.box(doorX, (2.2 + h) / 2, z1, 1.2, h - 2.2, t, COLORS.wall);
  b.box(doorX, 1.1, z1 + 0.02, 1.3, 2.25, 0.12, COLORS.darkSteel, {});
  b.turnedBox(
    [doorX + 0.55, 1.08, z1 + 0.62],
    [0.06, 2.15, 1.1],
    [0, Math.PI / 2.6, 0],
    COLORS.tankDark,
  );
  b.box(area.x, h + 0.12, area.z, area.width + 0.6, 0.24, area.depth + 0.6, COLORS.roof);
  b.glow(area.x, h - 0.04, area.z, area.width - 0.1, 0.02, area.depth - 0.1, 0xb9b8b2);
  for (const x of [area.x - 1.6, area.x + 1.6]) {
    for (let z = z0 + 2; z < z1 - 1; z += 3) b.glow(x, h - 0.08, z, 1.2, 0.04, 0.2, COLORS.lamp);
  }
  b.box(area.x, TRAY_Y + 0.05, area.z, 0.45, 0.08, area.depth - 0.6, COLORS.steel);
  // Station battery on its rack in the south-east corner.
  for (let i = 0; i < 6; i++) {
    for (const y of [0.35, 0.85])
      b.box(x1 - 0.55, y, z1 - 1.6 - i * 0.32, 0.35, 0.3, 0.26, COLORS.fan);
  }
  b.box(x1 - 0.55, 0.58, z1 - 2.4, 0.45, 0.04, 2.1, COLORS.steel);
}

/** A protection relay in its panel: relay case, display, LEDs, test switches and lockout relay. */
export function buildRelayPanel(b: PartBuilder): void {
  b.box(0, 1.1, 0, 0.8, 2.2, 0.6, COLORS.cabinet);
  b.box(0, 1.45, 0.31, 0.5, 0.28, 0.04, COLORS.panelFace);
  b.glow(-0.08, 1.5, 0.334, 0.22, 0.08, 0.01, COLORS.screen);
  for (let i = 0; i < 6; i++) {
    b.glow(
      0.16,
      1.37 + i * 0.035,
      0.334,
      0.02,
      0.02,
      0.01,
      i === 0 ? COLORS.ledGreen : COLORS.ledOff,
      i === 0 ? { role: 'activity-led' } : {},
    );
  }
  for (let i = 0; i < 8; i++) b.box(-0.21 + i * 0.06, 1.12, 0.32, 0.035, 0.08, 0.03, COLORS.fan);
  b.rod([0.22, 0.92, 0.3], [0.22, 0.92, 0.36], 0.09, COLORS.closed);
  b.glow(0, 2.0, 0.305, 0.36, 0.06, 0.01, COLORS.lamp);
}

/** An open 19-inch rack from the floor to 2.1 m, centred on the device, with a patch panel and power strip. */
function rack(b: PartBuilder, deviceY: number): void {
  for (const x of [-0.27, 0.27])
    for (const z of [-0.3, 0.3]) b.box(x, 1.05, z, 0.04, 2.1, 0.04, COLORS.rack);
  for (const y of [0.05, 2.08]) b.box(0, y, 0, 0.6, 0.06, 0.66, COLORS.rack);
  const panelY = deviceY + 0.16;
  b.box(0, panelY, 0.14, 0.48, 0.045, 0.04, COLORS.rackDevice);
  for (let i = 0; i < 12; i++)
    b.box(-0.2 + i * 0.036, panelY, 0.162, 0.02, 0.02, 0.006, COLORS.fan);
  b.box(-0.24, 0.75, -0.28, 0.05, 1.2, 0.05, COLORS.darkSteel);
  b.glow(-0.24, 1.3, -0.252, 0.012, 0.012, 0.004, COLORS.ledAmber);
}

/** Position of a station-switch port on its front, in the device frame. */
export function portPosition(faceY: number, number: number): [number, number, number] {
  const column = (number - 1) % 8;
  const row = Math.floor((number - 1) / 8);
  return [-0.2 + column * 0.048, faceY + (row === 0 ? 0.018 : -0.018), 0.155];
}

const CABLE_COLOR: Partial<Record<Device['type'], number>> = {
  'relay-ied': COLORS.patchBlue,
  'rtu-gateway': COLORS.patchYellow,
  firewall: COLORS.patchRed,
  'unknown-device': COLORS.patchYellow,
};

/** Rack-mounted network and control equipment, with port LEDs and patch cables on the switch. */
export function buildNetworkDevice(
  b: PartBuilder,
  device: Device,
  connected: (id: string) => Device | undefined,
): void {
  const y = device.placement.y;
  if (device.type === 'hmi') {
    buildHmi(b);
    return;
  }
  if (device.type === 'unknown-device') {
    b.box(0, y, 0, 0.1, 0.035, 0.07, COLORS.fan);
    b.glow(0.03, y + 0.02, 0.036, 0.008, 0.008, 0.004, COLORS.ledGreen, { role: 'activity-led' });
    b.rod([-0.05, y, 0], [-0.2, 0.05, 0.1], 0.01, COLORS.cable);
    return;
  }
  rack(b, y);
  if (device.type === 'station-switch') {
    b.box(0, y, 0, 0.48, 0.09, 0.3, COLORS.rackDevice);
    for (const port of device.ports ?? []) {
      const [px, py, pz] = portPosition(y, port.number);
      b.box(px, py, pz, 0.03, 0.022, 0.012, COLORS.fan);
      b.glow(px + 0.019, py, pz + 0.002, 0.008, 0.012, 0.006, COLORS.ledOff, {
        role: 'port-led',
        port: port.number,
      });
      const target = port.connectedTo === undefined ? undefined : connected(port.connectedTo);
      if (target === undefined) continue;
      const color = CABLE_COLOR[target.type] ?? COLORS.patchBlue;
      if (target.type === 'unknown-device') {
        const to = new Vector3(target.placement.x, target.placement.y, target.placement.z);
        b.wire(b.world(px, py, pz + 0.03), to, 0.012, color);
      } else {
        b.rod([px, py, pz + 0.01], [px, py - 0.02, pz + 0.09], 0.01, color);
        b.rod([px, py - 0.02, pz + 0.09], [px * 0.4, TRAY_Y, 0.25], 0.01, color);
      }
    }
    return;
  }
  if (device.type === 'firewall') {
    b.box(0, y, 0, 0.48, 0.09, 0.35, 0x8c2f2a);
    for (let i = 0; i < 4; i++) {
      b.box(-0.05 + i * 0.05, y, 0.176, 0.03, 0.022, 0.01, COLORS.fan);
      b.glow(-0.05 + i * 0.05, y + 0.025, 0.176, 0.008, 0.008, 0.006, COLORS.ledGreen, {
        role: 'activity-led',
      });
    }
    b.glow(-0.18, y, 0.176, 0.05, 0.02, 0.006, COLORS.ledGreen);
    return;
  }
  if (device.type === 'gps-clock') {
    b.box(0, y, 0, 0.48, 0.05, 0.25, COLORS.rackDevice);
    b.glow(-0.05, y, 0.126, 0.2, 0.03, 0.006, COLORS.closed);
    b.rod([0, y, -0.13], [0, WALL_HEIGHT + 0.3, -0.3], 0.012, COLORS.cable);
    b.rod([0, WALL_HEIGHT + 0.25, -0.3], [0, WALL_HEIGHT + 0.7, -0.3], 0.04, COLORS.steel);
    b.rod([0, WALL_HEIGHT + 0.7, -0.3], [0, WALL_HEIGHT + 0.85, -0.3], 0.16, COLORS.cabinet);
    return;
  }
  // RTU and gateway: a 3U chassis of I/O and communication cards.
  b.box(0, y, 0, 0.48, 0.18, 0.35, COLORS.rackDevice);
  for (let i = 0; i < 9; i++) {
    b.box(-0.2 + i * 0.05, y, 0.176, 0.035, 0.15, 0.01, i < 2 ? COLORS.patchBlue : COLORS.cabinet);
    b.glow(-0.2 + i * 0.05, y + 0.06, 0.183, 0.01, 0.01, 0.004, COLORS.ledGreen, {
      role: 'activity-led',
    });
  }
}

/** The operator's desk with two monitors showing the live single-line diagram. */
function buildHmi(b: PartBuilder): void {
  const y = 0;
  b.box(0, y + 0.74, 0, 1.6, 0.05, 0.8, COLORS.cabinet);
  for (const x of [-0.75, 0.75]) b.box(x, y + 0.37, 0, 0.05, 0.72, 0.75, COLORS.darkSteel);
  for (const x of [-0.34, 0.34]) {
    b.box(x, y + 1.12, -0.2, 0.62, 0.4, 0.04, COLORS.rack);
    b.screen(x, y + 1.12, -0.177, 0.58, 0.36);
    b.box(x, y + 0.85, -0.2, 0.05, 0.2, 0.05, COLORS.rack);
  }
  b.box(0, y + 0.775, 0.12, 0.45, 0.02, 0.15, COLORS.rack);
  b.box(0, y + 0.45, 0.75, 0.5, 0.08, 0.5, COLORS.rack);
  b.box(0, y + 0.8, 0.98, 0.5, 0.6, 0.06, COLORS.rack);
  b.rod([0, 0, 0.75], [0, 0.42, 0.75], 0.06, COLORS.darkSteel);
}
