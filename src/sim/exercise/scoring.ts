import type { ExerciseRole } from '../schema/exercise.ts';
import { scoreAttempt } from '../scoring.ts';
import type { Score } from '../scoring.ts';
import { PROTOCOL } from './protocol.ts';
import type { FindingRule } from './protocol.ts';
import { ROLE_LABELS } from './state.ts';
import type { ExerciseFinding, ExerciseState } from './state.ts';

/** A finding with its points and the rule behind it. */
export interface ScoredFinding extends ExerciseFinding, FindingRule {}

/** One participant's verdict. */
export interface ParticipantScore {
  readonly role: ExerciseRole;
  readonly userId: string;
  readonly name: string;
  readonly passed: boolean;
  /** The team's sim score less this participant's protocol and coordination points. */
  readonly score: number;
  readonly maxScore: number;
  readonly passScore: number;
  readonly findings: readonly ScoredFinding[];
}

/** The verdict of a whole exercise. */
export interface ExerciseScore {
  /** Safety, steps and time, as in a single-player attempt of the scenario. */
  readonly sim: Score;
  readonly durationMs: number;
  readonly team: {
    readonly passed: boolean;
    readonly score: number;
    readonly protocolPoints: number;
    readonly coordinationPoints: number;
    readonly findings: readonly ScoredFinding[];
  };
  readonly participants: readonly ParticipantScore[];
}

/** Breaches only visible at the end: reports never made, reports never acknowledged. */
export function closingFindings(state: ExerciseState): ExerciseFinding[] {
  const found: ExerciseFinding[] = [];
  for (const instruction of Object.values(state.instructions)) {
    if (instruction.status === 'confirmed')
      found.push({
        code: 'report-missing',
        role: instruction.to,
        seq: 0,
        message: `The ${ROLE_LABELS[instruction.to]} never reported instruction ${instruction.seq} complete`,
      });
    if (instruction.status === 'reported')
      found.push({
        code: 'report-unacknowledged',
        role: instruction.from,
        seq: 0,
        message: `The ${ROLE_LABELS[instruction.from]} never acknowledged the report of instruction ${instruction.seq}`,
      });
  }
  return found;
}

/** Scores an exercise as it stands: the shared sim outcome, then each participant's own conduct. */
export function scoreExercise(state: ExerciseState): ExerciseScore {
  const end = state.finishedAt ?? state.lastAt;
  // Time spent paused for coaching does not count against the crew.
  const paused = state.pausedMs + (state.pausedAt === null ? 0 : end - state.pausedAt);
  const durationMs = state.startedAt === null ? 0 : Math.max(0, end - state.startedAt - paused);
  const sim = scoreAttempt(state.sim, durationMs);
  const findings: ScoredFinding[] = [...state.findings, ...closingFindings(state)].map((f) => ({
    ...f,
    ...PROTOCOL.findings[f.code],
  }));
  const sum = (list: readonly ScoredFinding[]): number => list.reduce((n, f) => n + f.points, 0);
  const protocolPoints = sum(findings.filter((f) => f.category === 'protocol'));
  const coordinationPoints = sum(findings.filter((f) => f.category === 'coordination'));
  const teamScore = Math.max(0, sim.score - protocolPoints - coordinationPoints);
  const participants: ParticipantScore[] = [];
  for (const [role, person] of Object.entries(state.participants) as [
    ExerciseRole,
    { userId: string; name: string },
  ][]) {
    const own = findings.filter((f) => f.role === role);
    const score = Math.max(0, sim.score - sum(own));
    participants.push({
      role,
      userId: person.userId,
      name: person.name,
      passed: sim.passed && score >= sim.passScore,
      score,
      maxScore: sim.maxScore,
      passScore: sim.passScore,
      findings: own,
    });
  }
  return {
    sim,
    durationMs,
    team: {
      passed: sim.passed && teamScore >= sim.passScore,
      score: teamScore,
      protocolPoints,
      coordinationPoints,
      findings,
    },
    participants,
  };
}
