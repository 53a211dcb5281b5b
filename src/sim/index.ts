// The substation simulation: pure TypeScript shared by the browser (instant feedback) and the
// server (verified replay). No rendering, framework or Node imports belong here.
export { SubstationSchema, NodeSchema, InterlockSchema } from './schema/substation.ts';
export type { Substation, SimNode, Interlock } from './schema/substation.ts';
export { ScenarioSchema, RubricSchema, CardSchema, WorkZoneSchema } from './schema/scenario.ts';
export type {
  Scenario,
  Rubric,
  RubricStep,
  Card,
  WorkZone,
  SuccessCondition,
} from './schema/scenario.ts';
export { DeviceSchema, DEVICE_TYPES, SWITCHING_TYPES, NETWORK_TYPES } from './schema/device.ts';
export type { Device, DeviceType, Port } from './schema/device.ts';
export {
  ActionSchema,
  ActionLogEntrySchema,
  ACTION_TYPES,
  FindingSchema,
} from './schema/action.ts';
export type { SimAction, ActionType, ActionLogEntry, Finding } from './schema/action.ts';
export type { SwitchPosition } from './schema/common.ts';
export { EVENT_CODES, EVENT_SEVERITY } from './events.ts';
export type { SimEvent, EventCode, Severity } from './events.ts';
export { createInitialState, OPERATOR } from './state.ts';
export type { SimState, StepProgress } from './state.ts';
export { step } from './step.ts';
export type { StepResult } from './step.ts';
export { replay, parseLog, MAX_LOG_ACTIONS, MAX_ATTEMPT_MS } from './replay.ts';
export type { ReplayResult, ReplaySuccess, ReplayFailure, TimedEvent } from './replay.ts';
export { scoreAttempt, evaluateConditions } from './scoring.ts';
export type { Score, StepFeedback, PenaltyFeedback, ConditionResult } from './scoring.ts';
export { currentStep } from './progress.ts';
export {
  listDevices,
  deviceView,
  describeDevice,
  nodeEnergization,
  DEVICE_TYPE_LABELS,
  listPorts,
} from './describe.ts';
export type { DeviceView, PortView } from './describe.ts';
export { analyze, carriesCurrent } from './energization.ts';
export type { NodeEnergization, Analysis } from './energization.ts';
export { blockingInterlocks } from './interlocks.ts';
export { checkScenarioReferences, invalidActionReason } from './validate.ts';
export { compileModel, portKey } from './topology.ts';
export type { SimModel } from './topology.ts';
export { FaultSchema, InjectSchema } from './schema/inject.ts';
export type { Fault, FaultKind, Inject } from './schema/inject.ts';
export { applyFault, portDevice, indicatedPosition, NO_FAULTS } from './faults.ts';
export type { FaultState, VendorCall } from './faults.ts';
export * from './exercise/index.ts';
