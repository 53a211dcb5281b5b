/** How serious an event is; the scenario rubric decides which codes fail an attempt. */
export type Severity = 'info' | 'warning' | 'violation' | 'critical';

/** Every event code the engine emits, with its fixed severity. */
export const EVENT_SEVERITY = {
  operated: 'info',
  'no-change': 'info',
  'action-refused': 'warning',
  'interlock-blocked': 'warning',
  'interlock-bypassed': 'violation',
  'lock-blocked': 'warning',
  'foreign-lock-blocked': 'warning',
  'tagged-device-operated': 'violation',
  'arc-flash': 'critical',
  'earth-fault': 'critical',
  'closed-onto-earth': 'critical',
  'protection-trip': 'warning',
  'remote-trip': 'warning',
  'supply-lost': 'warning',
  'supply-restored': 'info',
  'station-service-lost': 'warning',
  'der-disconnected': 'info',
  locked: 'info',
  unlocked: 'info',
  tagged: 'info',
  untagged: 'info',
  'tester-proven': 'info',
  'tester-unproven': 'violation',
  'voltage-reading': 'info',
  'ground-applied': 'info',
  'ground-removed': 'info',
  'earthed-without-verification': 'violation',
  'isolation-declared': 'info',
  'isolation-declared-live': 'critical',
  'isolation-not-verified': 'critical',
  'isolation-incomplete': 'violation',
  'isolation-broken': 'critical',
  'identified-correct': 'info',
  'identified-wrong': 'warning',
  inspected: 'info',
  'port-inspected': 'info',
  'port-disabled': 'info',
  'port-enabled': 'info',
  'legit-port-disabled': 'violation',
  'protection-link-cut': 'critical',
  'rogue-reconnected': 'violation',
  'report-correct': 'info',
  'report-incorrect': 'violation',
  'breaker-failed-to-open': 'warning',
  'tripped-locally': 'info',
  'scada-control-lost': 'warning',
  'telemetry-lost': 'warning',
  'telemetry-restored': 'info',
  'spurious-alarm': 'warning',
  'device-connected': 'warning',
  'call-received': 'info',
  'remote-access-refused': 'info',
  'remote-access-granted': 'critical',
  'tester-failed-proving': 'warning',
  'tester-replaced': 'info',
  'step-completed': 'info',
  'step-out-of-order': 'violation',
} as const satisfies Record<string, Severity>;

export type EventCode = keyof typeof EVENT_SEVERITY;
/** Every event code, for schemas and UI legends. */
export const EVENT_CODES = Object.keys(EVENT_SEVERITY) as [EventCode, ...EventCode[]];

/** Something that happened as the result of an action. */
export interface SimEvent {
  /** Machine-readable kind. */
  readonly code: EventCode;
  /** Fixed per code: info, warning, violation or critical. */
  readonly severity: Severity;
  /** One short line: what happened. */
  readonly message: string;
  /** Why it matters, in plain words for someone from IT. */
  readonly explanation: string;
  /** Device concerned, if any. */
  readonly device?: string;
  /** Node concerned, if any. */
  readonly node?: string;
  /** Rubric step concerned, if any. */
  readonly step?: string;
  /** Extra facts for the UI (reading, port details...). */
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

/** Codes that mean the action did not take effect (it does not count towards a step). */
export const INEFFECTIVE_CODES: ReadonlySet<EventCode> = new Set<EventCode>([
  'action-refused',
  'interlock-blocked',
  'lock-blocked',
  'foreign-lock-blocked',
  'identified-wrong',
  'report-incorrect',
  'tester-unproven',
  'isolation-declared-live',
  'isolation-not-verified',
  'isolation-incomplete',
  'breaker-failed-to-open',
  'scada-control-lost',
  'tester-failed-proving',
]);

/** Builds an event, filling in the severity for its code. */
export function makeEvent(
  code: EventCode,
  message: string,
  explanation: string,
  extra: Partial<Pick<SimEvent, 'device' | 'node' | 'step' | 'data'>> = {},
): SimEvent {
  return { code, severity: EVENT_SEVERITY[code], message, explanation, ...extra };
}
