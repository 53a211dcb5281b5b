import type { Finding } from './schema/action.ts';
import type { SwitchPosition } from './schema/common.ts';
import type { Scenario } from './schema/scenario.ts';
import type { Substation } from './schema/substation.ts';
import type { EventCode } from './events.ts';
import { analyze, toEnergization } from './energization.ts';
import type { NodeEnergization } from './energization.ts';
import { NO_FAULTS } from './faults.ts';
import type { FaultState } from './faults.ts';
import { compileModel, portKey } from './topology.ts';
import type { SimModel } from './topology.ts';

/** The learner's crew name on locks and tags. */
export const OPERATOR = 'operator';

/** How far a rubric step has got. */
export interface StepProgress {
  /** Indexes (into the step's actions) already done. */
  readonly done: readonly number[];
  /** Action count at which the step was completed, or null while pending. */
  readonly completedAt: number | null;
  /** Whether a later step was already completed while this one was pending (reported once). */
  readonly passedOver: boolean;
}

/** Everything that changes during an attempt. Immutable: `step` returns a new object. */
export interface SimState {
  /** Compiled substation and scenario, shared by every state of an attempt. */
  readonly model: SimModel;
  /** Number of actions applied so far. */
  readonly actionCount: number;
  /** Switching device id -> open or closed. */
  readonly positions: Readonly<Record<string, SwitchPosition>>;
  /** Line id -> whether the far-end breaker is closed. */
  readonly remoteEnds: Readonly<Record<string, SwitchPosition>>;
  /** Device id -> holders of locks on it. */
  readonly locks: Readonly<Record<string, readonly string[]>>;
  /** Device id -> holders of Do Not Operate tags on it. */
  readonly tags: Readonly<Record<string, readonly string[]>>;
  /** Nodes with portable grounds applied. */
  readonly grounds: readonly string[];
  /** Node id -> live / dead / earthed, kept current after every action. */
  readonly energization: Readonly<Record<string, NodeEnergization>>;
  /** Whether the voltage tester was proven on a known live source. */
  readonly testerProven: boolean;
  /** Nodes tested dead with a proven tester (and not live since). */
  readonly verifiedDead: readonly string[];
  /** Device id -> identified correctly. */
  readonly identified: Readonly<Record<string, boolean>>;
  /** Devices inspected. */
  readonly inspected: readonly string[];
  /** `<switch>:<port>` -> enabled. */
  readonly portEnabled: Readonly<Record<string, boolean>>;
  /** `<switch>:<port>` keys inspected. */
  readonly inspectedPorts: readonly string[];
  /** Findings reported. */
  readonly reports: readonly Finding[];
  /** Work zones handed to the crew as isolated. */
  readonly declaredZones: readonly string[];
  /** Rubric step id -> progress. */
  readonly progress: Readonly<Record<string, StepProgress>>;
  /** Event code -> how many times it happened, for scoring. */
  readonly eventCounts: Readonly<Partial<Record<EventCode, number>>>;
  /** Faults injected by an instructor (none in a single-player attempt). */
  readonly faults: FaultState;
}

/** The state at the start of an attempt: the substation's normal state plus the scenario's changes. */
export function createInitialState(substation: Substation, scenario: Scenario): SimState {
  const model = compileModel(substation, scenario);
  const overrides = scenario.initialState;
  const positions: Record<string, SwitchPosition> = {};
  const remoteEnds: Record<string, SwitchPosition> = {};
  for (const device of model.devices) {
    if (device.position !== undefined) positions[device.id] = device.position;
    if (device.type === 'line') remoteEnds[device.id] = device.remoteEnd ?? 'closed';
  }
  Object.assign(positions, overrides.positions);
  Object.assign(remoteEnds, overrides.remoteEnds);
  const portEnabled: Record<string, boolean> = {};
  for (const [switchId, ports] of model.ports) {
    for (const [number, port] of ports) portEnabled[portKey(switchId, number)] = port.enabled;
  }
  const progress: Record<string, StepProgress> = {};
  for (const step of scenario.rubric.steps) {
    progress[step.id] = { done: [], completedAt: null, passedOver: false };
  }
  const topology = { positions, remoteEnds, grounds: overrides.grounds };
  return {
    model,
    actionCount: 0,
    positions,
    remoteEnds,
    locks: overrides.locks,
    tags: overrides.tags,
    grounds: overrides.grounds,
    energization: toEnergization(model, analyze(model, topology)),
    testerProven: false,
    verifiedDead: [],
    identified: {},
    inspected: [],
    portEnabled,
    inspectedPorts: [],
    reports: [],
    declaredZones: [],
    progress,
    eventCounts: {},
    faults: NO_FAULTS,
  };
}

/** Whether a device carries a lock or tag from anyone. */
export function holders(
  record: Readonly<Record<string, readonly string[]>>,
  id: string,
): readonly string[] {
  return record[id] ?? [];
}
