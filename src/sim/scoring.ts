import type { SuccessCondition } from './schema/scenario.ts';
import type { EventCode } from './events.ts';
import { OPERATOR } from './state.ts';
import type { SimState } from './state.ts';
import { portKey } from './topology.ts';
import { matches, stepStatuses } from './progress.ts';

/** How one rubric step went. */
export interface StepFeedback {
  readonly id: string;
  readonly instruction: string;
  /** done: in its turn; out-of-order: done early (no points); missed: not done. */
  readonly status: 'done' | 'out-of-order' | 'missed';
  readonly points: number;
  readonly maxPoints: number;
}

/** Points lost to one kind of event. */
export interface PenaltyFeedback {
  readonly code: EventCode;
  readonly count: number;
  readonly points: number;
  readonly reason: string;
}

/** Whether one success condition holds, with a readable description. */
export interface ConditionResult {
  readonly description: string;
  readonly met: boolean;
}

/** The score of an attempt as it stands. */
export interface Score {
  readonly passed: boolean;
  readonly score: number;
  readonly maxScore: number;
  /** Points needed to pass. */
  readonly passScore: number;
  /** Codes of critical failures that happened, in rubric order. */
  readonly criticalFailures: readonly EventCode[];
  readonly feedback: readonly StepFeedback[];
  readonly penalties: readonly PenaltyFeedback[];
  readonly timePenalty: number;
  readonly conditions: readonly ConditionResult[];
}

/** Scores a state reached after `durationMs` of the attempt. Pure. */
export function scoreAttempt(state: SimState, durationMs: number): Score {
  const rubric = state.model.scenario.rubric;
  const statuses = stepStatuses(state);
  const feedback: StepFeedback[] = rubric.steps.map((step) => {
    const status = statuses[step.id] ?? 'missed';
    return {
      id: step.id,
      instruction: step.instruction,
      status,
      points: status === 'done' ? step.points : 0,
      maxPoints: step.points,
    };
  });
  const maxScore = feedback.reduce((sum, f) => sum + f.maxPoints, 0);
  const earned = feedback.reduce((sum, f) => sum + f.points, 0);
  const penalties: PenaltyFeedback[] = [];
  for (const penalty of rubric.penalties) {
    const count = state.eventCounts[penalty.code] ?? 0;
    if (count === 0) continue;
    const points = Math.min(count * penalty.points, penalty.max ?? Number.POSITIVE_INFINITY);
    penalties.push({ code: penalty.code, count, points, reason: penalty.reason });
  }
  const overMs = Math.max(0, durationMs - rubric.time.targetSeconds * 1000);
  const timePenalty = Math.min(
    rubric.time.maxPenalty,
    Math.ceil(overMs / 60_000) * rubric.time.pointsPerMinuteOver,
  );
  const lost = penalties.reduce((sum, p) => sum + p.points, 0) + timePenalty;
  const score = Math.max(0, earned - lost);
  const criticalFailures = rubric.criticalFailures.filter(
    (code) => (state.eventCounts[code] ?? 0) > 0,
  );
  const conditions = evaluateConditions(state);
  const passScore = Math.ceil((maxScore * rubric.passPercent) / 100);
  const passed =
    criticalFailures.length === 0 && conditions.every((c) => c.met) && score >= passScore;
  return {
    passed,
    score,
    maxScore,
    passScore,
    criticalFailures,
    feedback,
    penalties,
    timePenalty,
    conditions,
  };
}

/** Evaluates the scenario's success conditions against a state. */
export function evaluateConditions(state: SimState): ConditionResult[] {
  return state.model.scenario.success.map((condition) => ({
    description: describeCondition(state, condition),
    met: isMet(state, condition),
  }));
}

function isMet(state: SimState, condition: SuccessCondition): boolean {
  switch (condition.kind) {
    case 'position':
      return state.positions[condition.device] === condition.position;
    case 'node':
      return state.energization[condition.node] === condition.state;
    case 'locked':
      return (state.locks[condition.device] ?? []).includes(OPERATOR) === condition.locked;
    case 'tagged':
      return (state.tags[condition.device] ?? []).includes(OPERATOR) === condition.tagged;
    case 'ground':
      return state.grounds.includes(condition.node) === condition.applied;
    case 'steps-completed': {
      const steps = state.model.scenario.rubric.steps;
      const done = steps.filter((s) => (state.progress[s.id]?.completedAt ?? null) !== null).length;
      return done >= (condition.min ?? steps.length);
    }
    case 'zone-declared':
      return state.declaredZones.includes(condition.zone);
    case 'port':
      return state.portEnabled[portKey(condition.switch, condition.port)] === condition.enabled;
    case 'reported':
      return state.reports.some((finding) => matches(condition.finding, finding));
  }
}

function describeCondition(state: SimState, condition: SuccessCondition): string {
  const nodeName = (id: string): string => {
    const index = state.model.nodeIndex.get(id);
    return index === undefined ? id : `${state.model.nodes[index]?.name ?? id} (${id})`;
  };
  switch (condition.kind) {
    case 'position':
      return `${condition.device} is ${condition.position}`;
    case 'node':
      return `${nodeName(condition.node)} is ${condition.state}`;
    case 'locked':
      return `${condition.device} ${condition.locked ? 'carries' : 'is free of'} your lock`;
    case 'tagged':
      return `${condition.device} ${condition.tagged ? 'carries' : 'is free of'} your tag`;
    case 'ground':
      return `portable grounds ${condition.applied ? 'on' : 'off'} ${nodeName(condition.node)}`;
    case 'steps-completed':
      return condition.min === undefined
        ? 'every step completed'
        : `at least ${condition.min} steps completed`;
    case 'zone-declared':
      return `${condition.zone} handed over as isolated`;
    case 'port':
      return `port ${portKey(condition.switch, condition.port)} ${condition.enabled ? 'enabled' : 'disabled'}`;
    case 'reported':
      return `finding reported: ${condition.finding.category} on ${portKey(condition.finding.switch, condition.finding.port)}`;
  }
}
