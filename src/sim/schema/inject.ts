import { z } from 'zod';
import { IdSchema } from './common.ts';

/** A fault the instructor can throw into a running scenario; the engine knows each kind. */
export const FaultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('breaker-fails-to-open'),
    /** Breaker whose SCADA trip fails: it opens only when tripped locally at the breaker. */
    device: IdSchema,
  }),
  z.object({
    kind: z.literal('alarm-burst'),
    /** Alarm texts that flood the SCADA alarm list; none of them is real. */
    alarms: z.array(z.string().min(5).max(200)).min(1).max(20),
  }),
  z.object({
    kind: z.literal('telemetry-lost'),
    /** Bay whose RTU link drops, as operators name it (e.g. "T1 bay"). */
    bay: z.string().min(2).max(80),
    /** Devices of that bay: SCADA neither shows nor controls them until the link returns. */
    devices: z.array(IdSchema).min(1).max(20),
  }),
  z.object({
    kind: z.literal('telemetry-restored'),
    /** Bay whose RTU link comes back. */
    bay: z.string().min(2).max(80),
    /** Devices SCADA shows and controls again. */
    devices: z.array(IdSchema).min(1).max(20),
  }),
  z.object({
    kind: z.literal('rogue-device'),
    /** Station switch the device is plugged into. */
    switch: IdSchema,
    /** Port it appears on (the port comes up enabled). */
    port: z.number().int().min(1).max(64),
    /** The device (one of the scenario's extra devices, cabled nowhere until now). */
    device: IdSchema,
  }),
  z.object({
    kind: z.literal('vendor-call'),
    /** Who says they are calling. */
    caller: z.string().min(3).max(120),
    /** What they ask for, as they say it. */
    request: z.string().min(10).max(500),
  }),
  z.object({ kind: z.literal('tester-fails') }),
]);
export type Fault = z.output<typeof FaultSchema>;
export type FaultKind = Fault['kind'];

/** One inject of a scenario: what the instructor sees on the console and the fault it applies. */
export const InjectSchema = z.object({
  /** Unique within the scenario; the log names the inject by it. */
  id: IdSchema,
  /** Button label on the instructor console. */
  label: z.string().min(3).max(80),
  /** What a well-drilled crew does next, for the instructor and the after-action review. */
  expect: z.string().min(20).max(600),
  /** The sim-level fault. */
  fault: FaultSchema,
});
export type Inject = z.output<typeof InjectSchema>;
