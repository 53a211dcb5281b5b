import { Color } from 'three';
import type { SimState } from '../../sim/state.ts';
import { portKey } from '../../sim/topology.ts';
import { COLORS } from '../model/colors.ts';
import type { PartSpec } from '../model/parts.ts';

const HIGHLIGHT = new Color(0x39a7ff);
const HOVER = new Color(0xffffff);

/** What the colour of a part depends on besides the part. */
export interface ColorInputs {
  readonly sim: SimState;
  readonly showEnergization: boolean;
  readonly selected: string | null;
  readonly hovered: string | null;
  /** Blink phase of activity LEDs (0 or 1). */
  readonly blink: number;
}

/** The colour a part shows now: indications from the state, energization, and selection tint. */
export function partColor(
  part: PartSpec,
  inputs: ColorInputs,
  switchId: string | null,
  out: Color,
): Color {
  const { sim } = inputs;
  out.setHex(part.color);
  if (part.role === 'indicator' && part.device !== undefined) {
    out.setHex(sim.positions[part.device] === 'closed' ? COLORS.closed : COLORS.open);
    return out;
  }
  if (part.role === 'port-led' && switchId !== null && part.port !== undefined) {
    const key = portKey(switchId, part.port);
    const port = sim.model.ports.get(switchId)?.get(part.port);
    const isUp = (sim.portEnabled[key] ?? false) && port?.connectedTo !== undefined;
    out.setHex(isUp ? (inputs.blink ? COLORS.ledGreen : 0x1c8f3c) : COLORS.ledOff);
    return out;
  }
  if (part.role === 'activity-led') {
    out.setHex(inputs.blink ? COLORS.ledGreen : 0x1c8f3c);
    return out;
  }
  if (inputs.showEnergization && part.node !== undefined && part.node !== '') {
    const state = sim.energization[part.node];
    out.setHex(state === 'live' ? COLORS.live : state === 'earthed' ? COLORS.earthed : COLORS.dead);
  }
  if (part.device !== undefined && part.kind !== 'glow') {
    if (part.device === inputs.selected) out.lerp(HIGHLIGHT, 0.45);
    else if (part.device === inputs.hovered) out.lerp(HOVER, 0.25);
  }
  return out;
}
