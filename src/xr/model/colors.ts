/** Colours of the yard's materials and indications (sRGB hex). */
export const COLORS = {
  steel: 0x9ba4a9,
  darkSteel: 0x5d666c,
  concrete: 0xb9b4a8,
  porcelain: 0x7b3f26,
  polymer: 0x9aa0a3,
  aluminium: 0xc9cdd1,
  copper: 0xb87333,
  tank: 0x8d989c,
  tankDark: 0x6f7a7f,
  radiator: 0x7f8a8e,
  fan: 0x2b2f33,
  earthBlade: 0x2f8f46,
  earthStripe: 0xd9c21f,
  cabinet: 0xc8ccc6,
  panelFace: 0x33383d,
  rack: 0x2a2d31,
  rackDevice: 0x3d4348,
  padMount: 0x2f5a3b,
  pvPanel: 0x1f2f5c,
  wood: 0x6d4c33,
  wall: 0xd4ccbc,
  roof: 0x5f6468,
  floor: 0x9c9a94,
  cable: 0x1f2326,
  patchBlue: 0x2c6fb7,
  patchYellow: 0xd6b21c,
  patchRed: 0xb7352c,
  /** Breaker position indicator, North American convention: red closed, green open. */
  closed: 0xe3261c,
  open: 0x1fb344,
  ledGreen: 0x33ff66,
  ledAmber: 0xffb020,
  ledOff: 0x30363a,
  screen: 0x7fd6e8,
  lamp: 0xfff6d8,
  live: 0xe2462f,
  dead: 0xc9cdd1,
  earthed: 0x23b04f,
} as const;

/** Phase spacing for a voltage in kV, in metres. */
export function phaseSpacing(kv: number): number {
  return kv >= 100 ? 1.8 : 0.8;
}
