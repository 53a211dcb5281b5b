import type { DeadLetter } from './statement-queue.ts';

/** A statement to record: id and timestamp are filled in when absent. */
export interface StatementInput {
  id?: string;
  actor: unknown;
  verb: { id: string; display?: Record<string, string> };
  object: unknown;
  timestamp?: string;
  [property: string]: unknown;
}

/** Options with their defaults applied. */
export interface Settings {
  batchSize: number;
  flushDelayMs: number;
  retryBaseMs: number;
  maxBackoffMs: number;
  onDeadLetter: ((letter: DeadLetter) => void) | undefined;
}

/** How the client sends; every field has a default. */
export interface LearningRecordOptions {
  endpoint?: string;
  version?: '1.0.3' | '2.0.0';
  /** Most statements per POST. */
  batchSize?: number;
  /** Wait this long after a record before sending, so close events share a request. */
  flushDelayMs?: number;
  /** First retry delay; doubles per failure up to maxBackoffMs (with jitter). */
  retryBaseMs?: number;
  maxBackoffMs?: number;
  /** Told about each statement the server refused for good (it is kept in the dead-letter store). */
  onDeadLetter?: (letter: DeadLetter) => void;
  /** IndexedDB database name (tests use their own). */
  databaseName?: string;
}
