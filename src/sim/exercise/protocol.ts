import type { ActionType, SimAction } from '../schema/action.ts';
import type { DeviceType } from '../schema/device.ts';
import type { ExerciseRole, Operation } from '../schema/exercise.ts';

/** What an instruction's target must be for an operation. */
export type TargetKind = 'switching-device' | 'node' | 'zone' | 'port' | 'none';

/** Ways a participant can break the communication protocol or the coordination rules. */
export type FindingCode =
  | 'operation-without-instruction'
  | 'operation-before-confirmation'
  | 'wrong-repeat-back-confirmed'
  | 'time-missing'
  | 'report-missing'
  | 'report-unacknowledged'
  | 'isolation-without-authority';

/** How one finding is scored and explained. */
export interface FindingRule {
  /** protocol: three-part communication; coordination: IT/OT hand-offs. */
  readonly category: 'protocol' | 'coordination';
  /** Points the responsible participant (and the team) lose each time. */
  readonly points: number;
  /** Why it matters, shown in the after-action feedback. */
  readonly reason: string;
}

/** One operation an instruction can name, and the sim actions it authorises. */
export interface OperationRule {
  readonly label: string;
  readonly target: TargetKind;
  /** The actions the receiver may take under a confirmed instruction, per target. */
  readonly actions: (target: string) => SimAction[];
}

function port(target: string): { switch: string; port: number } {
  const [id = '', number = '0'] = target.split(':');
  return { switch: id, port: Number(number) };
}

/**
 * The communication protocol, as data: a utility's own variant changes this table, not the engine.
 * Based on NERC COM-002-4 R1 (issuer confirms a correct repeat-back or reissues; receiver repeats
 * back; 24-hour time; one-way burst messages) and common switching practice (report, acknowledge).
 */
export const PROTOCOL = {
  /** Roles allowed to issue Operating Instructions. */
  issuers: ['authority'] as readonly ExerciseRole[],
  /** Roles that may be sent instructions. */
  receivers: ['field', 'analyst'] as readonly ExerciseRole[],
  /** Roles that may send one-way burst messages to everyone. */
  burstSenders: ['authority', 'field', 'analyst', 'observer'] as readonly ExerciseRole[],
  /** Roles that may close the exercise and have it scored. */
  finishers: ['authority', 'observer'] as readonly ExerciseRole[],
  /** Whether instructions and repeat-backs must carry the time. */
  requiresTime: true,
  /** The time form: 24-hour HH:MM. */
  timePattern: /^([01]\d|2[0-3]):[0-5]\d$/,
  /** Device types the control room operates remotely through SCADA. */
  remoteOperable: ['circuit-breaker'] as readonly DeviceType[],
  /** Actions that only look and so need no instruction. */
  observations: ['inspect', 'inspect-port', 'identify', 'report'] as readonly ActionType[],
  /** Actions that touch no plant (fetching a spare tester, answering a call): no instruction needed. */
  offPlant: ['replace-tester', 'answer-call'] as readonly ActionType[],
  /** Actions that cut or restore a network link: the analyst needs the authority's confirmation. */
  networkIsolation: ['disable-port', 'enable-port'] as readonly ActionType[],
  operations: {
    open: {
      label: 'Open',
      target: 'switching-device',
      actions: (device) => [{ type: 'operate', device, position: 'open' }],
    },
    close: {
      label: 'Close',
      target: 'switching-device',
      actions: (device) => [{ type: 'operate', device, position: 'closed' }],
    },
    'lock-and-tag': {
      label: 'Lock and tag',
      target: 'switching-device',
      actions: (device) => [
        { type: 'lock', device },
        { type: 'tag', device },
      ],
    },
    'remove-lock-and-tag': {
      label: 'Remove lock and tag',
      target: 'switching-device',
      actions: (device) => [
        { type: 'unlock', device },
        { type: 'untag', device },
      ],
    },
    'prove-tester': {
      label: 'Prove the voltage tester',
      target: 'none',
      actions: () => [{ type: 'test-tester' }],
    },
    'test-voltage': {
      label: 'Test for absence of voltage',
      target: 'node',
      actions: (node) => [{ type: 'test-voltage', node }],
    },
    'apply-ground': {
      label: 'Apply portable grounds',
      target: 'node',
      actions: (node) => [{ type: 'apply-ground', node }],
    },
    'remove-ground': {
      label: 'Remove portable grounds',
      target: 'node',
      actions: (node) => [{ type: 'remove-ground', node }],
    },
    'declare-isolated': {
      label: 'Hand over as isolated',
      target: 'zone',
      actions: (zone) => [{ type: 'declare-isolated', zone }],
    },
    'disable-port': {
      label: 'Disable switch port',
      target: 'port',
      actions: (target) => [{ type: 'disable-port', ...port(target) }],
    },
    'enable-port': {
      label: 'Enable switch port',
      target: 'port',
      actions: (target) => [{ type: 'enable-port', ...port(target) }],
    },
  } satisfies Record<Operation, OperationRule> as Record<Operation, OperationRule>,
  findings: {
    'operation-without-instruction': {
      category: 'protocol',
      points: 10,
      reason: 'A field step is carried out only under a confirmed Operating Instruction.',
    },
    'operation-before-confirmation': {
      category: 'protocol',
      points: 10,
      reason: 'The receiver acts only after the issuer has confirmed the repeat-back.',
    },
    'wrong-repeat-back-confirmed': {
      category: 'protocol',
      points: 10,
      reason: 'A repeat-back that differs from the instruction must be corrected, not confirmed.',
    },
    'time-missing': {
      category: 'protocol',
      points: 2,
      reason: 'Operating Instructions and repeat-backs state the time in 24-hour form.',
    },
    'report-missing': {
      category: 'protocol',
      points: 5,
      reason: 'The receiver reports each completed instruction to the issuer.',
    },
    'report-unacknowledged': {
      category: 'protocol',
      points: 5,
      reason: 'The issuer acknowledges every report, so both logs agree on what was done.',
    },
    'isolation-without-authority': {
      category: 'coordination',
      points: 15,
      reason:
        'Cutting a network link can blind SCADA or disable protection: operations confirms it first.',
    },
  } satisfies Record<FindingCode, FindingRule> as Record<FindingCode, FindingRule>,
} as const;
