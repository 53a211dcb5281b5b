import { z } from 'zod';
import { IdSchema, PlacementSchema, SldPointSchema, SwitchPositionSchema } from './common.ts';

/** Every kind of equipment the model knows, electrical and network. */
export const DEVICE_TYPES = [
  'line',
  'line-trap',
  'surge-arrester',
  'voltage-transformer',
  'current-transformer',
  'disconnector',
  'earthing-switch',
  'circuit-breaker',
  'power-transformer',
  'busbar',
  'feeder',
  'capacitor-bank',
  'pv-plant',
  'station-service-transformer',
  'relay-ied',
  'rtu-gateway',
  'hmi',
  'gps-clock',
  'station-switch',
  'firewall',
  'unknown-device',
] as const;
export const DeviceTypeSchema = z.enum(DEVICE_TYPES);
export type DeviceType = z.output<typeof DeviceTypeSchema>;

/** Devices a person opens and closes. */
export const SWITCHING_TYPES: readonly DeviceType[] = [
  'circuit-breaker',
  'disconnector',
  'earthing-switch',
];
/** Devices joining two nodes. */
export const TWO_TERMINAL_TYPES: readonly DeviceType[] = [
  'circuit-breaker',
  'disconnector',
  'power-transformer',
];
/** Devices on the station network rather than on a conductor. */
export const NETWORK_TYPES: readonly DeviceType[] = [
  'relay-ied',
  'rtu-gateway',
  'hmi',
  'gps-clock',
  'station-switch',
  'firewall',
  'unknown-device',
];

/** How many electrical connections a device of this type has. */
export function terminalCount(type: DeviceType): number {
  if (TWO_TERMINAL_TYPES.includes(type)) return 2;
  if (NETWORK_TYPES.includes(type)) return 0;
  return 1;
}

/** A station-switch port and what is plugged into it. */
export const PortSchema = z.object({
  /** Port number printed on the switch. */
  number: z.number().int().min(1).max(64),
  /** Id of the device cabled to this port; absent for an empty port. */
  connectedTo: IdSchema.optional(),
  /** Whether the port is administratively enabled. */
  enabled: z.boolean(),
  /** The label on the patch panel. */
  label: z.string().min(1).max(80).optional(),
});
export type Port = z.output<typeof PortSchema>;

/** Network identity of a device on the station bus. */
export const NetworkIdentitySchema = z.object({
  /** IPv4 address on the station LAN. */
  ip: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address'),
  /** MAC address, lowercase, colon-separated. */
  mac: z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'a lowercase MAC address'),
  /** Manufacturer as the MAC's OUI reveals it. */
  vendor: z.string().min(2).max(80),
  /** What a port mirror shows this device sending, in plain words. */
  traffic: z.string().min(5).max(400),
  /** Whether the device is in the substation's asset register. */
  registered: z.boolean().default(true),
});
export type NetworkIdentity = z.output<typeof NetworkIdentitySchema>;

/** Nameplate figures. */
export const RatingsSchema = z.object({
  /** Nominal voltage in kV (for a transformer, the high-voltage side). */
  voltageKv: z.number().positive().optional(),
  /** Low-voltage side in kV, for transformers. */
  secondaryKv: z.number().positive().optional(),
  /** Continuous current in amperes. */
  currentA: z.number().positive().optional(),
  /** Apparent power in MVA (transformers) or Mvar (capacitor banks). */
  mva: z.number().positive().optional(),
  /** Real power in MW (feeder peak load, PV plant export). */
  mw: z.number().positive().optional(),
});

/** One piece of equipment in the yard or the control house. */
export const DeviceSchema = z.object({
  /** Operating designation, unique in the substation (e.g. `52-T1L`, `89-L1`, `REL-T1`). */
  id: IdSchema,
  /** What kind of equipment it is. */
  type: DeviceTypeSchema,
  /** Accessible name, as an operator would say it. */
  name: z.string().min(3).max(120),
  /** One sentence describing the physical thing. */
  description: z.string().min(10).max(400),
  /** The bay or area it belongs to, for grouping in lists. */
  bay: z.string().min(2).max(60),
  /** Ids of the nodes it connects to: two for breakers, disconnectors and transformers, one for others, none for network devices. */
  connections: z.array(IdSchema).max(2),
  /** Initial position of a switching device. */
  position: SwitchPositionSchema.optional(),
  /** For a line: whether the breaker at the far end is closed, i.e. the line is energized from outside. */
  remoteEnd: SwitchPositionSchema.optional(),
  /** Nameplate figures. */
  ratings: RatingsSchema.optional(),
  /** Protection functions of a relay, as ANSI device numbers (e.g. 87T, 50/51). */
  functions: z.array(z.string().min(1).max(20)).optional(),
  /** Ids of the devices a relay protects or trips. */
  protects: z.array(IdSchema).optional(),
  /** Network identity of a control-house device. */
  network: NetworkIdentitySchema.optional(),
  /** Ports of a station switch. */
  ports: z.array(PortSchema).optional(),
  /** Where it stands in the 3D yard. */
  placement: PlacementSchema,
  /** Where it is drawn on the single-line (or network) diagram. */
  sld: SldPointSchema,
});
export type Device = z.output<typeof DeviceSchema>;
