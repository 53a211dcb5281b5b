import type { ReplaySuccess } from './replay.ts';

/** A simulation attempt as the server verified it: what the attempts endpoint returns and pages show. */
export interface VerifiedAttempt {
  readonly attemptId: string;
  readonly scenarioId: string;
  readonly passed: boolean;
  readonly score: number;
  readonly maxScore: number;
  readonly durationMs: number;
  readonly result: ReplaySuccess;
}
