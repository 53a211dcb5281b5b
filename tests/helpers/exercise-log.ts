import {
  appendEntry,
  createExerciseState,
  type ExerciseEntry,
  type ExerciseRole,
  type ExerciseState,
  type Scenario,
  type Substation,
} from '../../src/sim/index.ts';

/** Builds an exercise log entry by entry through the same checks the server applies. */
export class ExerciseLogBuilder {
  state: ExerciseState;
  readonly log: ExerciseEntry[] = [];
  private clock: number;

  constructor(substation: Substation, scenario: Scenario, start = 1_780_000_000_000) {
    this.state = createExerciseState(substation, scenario);
    this.clock = start;
  }

  /** Appends a command; throws with the server's reason when it would be refused. */
  add(role: ExerciseRole, command: ExerciseEntry['command'], afterMs = 1000): number {
    const entry: ExerciseEntry = {
      seq: this.log.length + 1,
      clientEventId: `c${this.log.length + 1}`,
      userId: `u-${role}`,
      role,
      at: this.clock + afterMs,
      command,
    };
    const result = appendEntry(this.state, entry);
    if (!result.ok) throw new Error(`entry ${entry.seq} refused: ${result.reason}`);
    this.state = result.state;
    this.clock = entry.at;
    this.log.push(entry);
    return entry.seq;
  }

  /** The whole three-part exchange for one instruction, with the receiver's actions. */
  instruct(
    to: 'field' | 'analyst',
    step: Omit<Extract<ExerciseEntry['command'], { kind: 'instruction' }>, 'kind' | 'to'>,
    actions: Extract<ExerciseEntry['command'], { kind: 'act' }>['action'][],
  ): number {
    const seq = this.add('authority', { kind: 'instruction', to, ...step });
    const { operation, targets, time } = step;
    this.add(to, { kind: 'repeat-back', instruction: seq, operation, targets, time });
    this.add('authority', { kind: 'confirm', instruction: seq });
    for (const action of actions) this.add(to, { kind: 'act', action });
    this.add(to, { kind: 'report', instruction: seq });
    this.add('authority', { kind: 'acknowledge', instruction: seq });
    return seq;
  }

  /** Lets the named roles join with readable names. */
  joinAll(roles: readonly ExerciseRole[]): void {
    for (const role of roles) this.add(role, { kind: 'join', name: `The ${role}` }, 0);
  }
}
