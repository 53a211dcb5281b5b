import type { Database } from '../../../../db/client.ts';
import { eq } from 'drizzle-orm';
import { exercises } from '../../../../db/schema.ts';
import type {
  ExerciseCommand,
  ExerciseEntry,
  InstructorCommand,
  ServerCommand,
} from '../../../sim/exercise/commands.ts';
import { appendEntry, replayExercise } from '../../../sim/exercise/replay.ts';
import { scoreExercise } from '../../../sim/exercise/scoring.ts';
import type { ExerciseScore } from '../../../sim/exercise/scoring.ts';
import type { ExerciseState } from '../../../sim/exercise/state.ts';
import {
  commandRefusalReason,
  instructorRefusalReason,
  isInstructorCommand,
} from '../../../sim/exercise/validate.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import type { ParticipantView, ServerFrame } from '../../shared/exercises/frames.ts';
import { entryFor } from './entry-visibility.ts';
import { recordInstructorStatement } from './instructor-statements.ts';
import { now } from '../clock.ts';
import type { CourseRequirements } from '../completion/requirements.ts';
import { appendToLog, loadLog } from './event-log.ts';
import { writeVerdicts } from './verdicts.ts';

/** One connected participant, as the room sees it. */
export interface RoomClient {
  readonly userId: string;
  readonly role: ExerciseRole;
  /** An instructor console: sees everything, sends instructor commands, never joins. */
  readonly isConsole?: boolean;
  send(frame: ServerFrame): void;
}

/** The answer to a submitted command. */
export type SubmitOutcome = { ok: true; seq: number } | { ok: false; reason: string };

/**
 * A live exercise in this process: its state rebuilt from the log, the connected clients, and a
 * queue so commands are applied one at a time. The database log stays the authority: if another
 * process appended first, the room reloads and tries again.
 */
export class ExerciseRoom {
  readonly id: string;
  private readonly db: Database;
  private readonly scenario: Scenario;
  /** The catalogue's course requirements, for the courses a verdict completes. */
  private readonly courses: readonly CourseRequirements[];
  private readonly substation: Substation;
  private state: ExerciseState | null = null;
  private score: ExerciseScore | null = null;
  private entries: ExerciseEntry[] = [];
  private readonly clients = new Set<RoomClient>();
  /** Clients that have resumed: only they get new entries, so nobody sees one before its predecessors. */
  private readonly caughtUp = new Set<RoomClient>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    db: Database,
    id: string,
    found: { scenario: Scenario; substation: Substation },
    courses: readonly CourseRequirements[],
  ) {
    this.db = db;
    this.id = id;
    this.scenario = found.scenario;
    this.substation = found.substation;
    this.courses = courses;
  }

  /** How each participant last said they are looking at the exercise. */
  private readonly views = new Map<ExerciseRole, ParticipantView>();
  /** Display names of connected consoles, for the instructor's statements. */
  private readonly names = new Map<string, string>();

  /** Roles with at least one open participant connection (consoles do not count). */
  connectedRoles(): ExerciseRole[] {
    return [
      ...new Set([...this.clients].filter((c) => c.isConsole !== true).map((c) => c.role)),
    ].sort();
  }

  /** Records a participant's view state and tells the consoles. */
  reportView(client: RoomClient, view: Omit<ParticipantView, 'at'>): void {
    if (client.isConsole === true) return;
    const stamped = { ...view, at: now() };
    this.views.set(client.role, stamped);
    for (const other of this.clients)
      if (other.isConsole === true) other.send({ type: 'view', role: client.role, view: stamped });
  }

  /** Validates, logs, applies and broadcasts one instructor command from a console. */
  instruct(client: RoomClient, id: string, command: InstructorCommand): Promise<SubmitOutcome> {
    return this.queue(async () => {
      if (client.isConsole !== true)
        return { ok: false, reason: 'instructor commands come from the instructor console' };
      await this.current();
      const outcome = await this.append(client.userId, 'observer', id, command);
      if (outcome.ok && this.state !== null) {
        const entry = this.entries.find((e) => e.seq === outcome.seq);
        if (entry !== undefined) await this.onInstructed(entry);
        if (command.kind === 'end') await this.scoreIfNeeded(this.state);
      }
      return outcome;
    });
  }

  /** Whether nobody is connected (the room can be dropped). */
  isEmpty(): boolean {
    return this.clients.size === 0;
  }

  /** Runs work after everything queued before it. */
  private queue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Rebuilds the state from the database log. */
  private async reload(): Promise<ExerciseState> {
    const log = await loadLog(this.db, this.id);
    const replayed = replayExercise(this.substation, this.scenario, log);
    if (!replayed.ok)
      throw new Error(
        `exercise ${this.id} log does not replay at ${replayed.index}: ${replayed.reason}`,
      );
    this.state = replayed.state;
    this.entries = log as ExerciseEntry[];
    if (this.state.finishedAt !== null) await this.scoreIfNeeded(this.state);
    return this.state;
  }

  private async current(): Promise<ExerciseState> {
    return this.state ?? (await this.reload());
  }

  /** Connects a client: logs their first join, sends what follows `after`, then presence. */
  connect(client: RoomClient, name: string): Promise<void> {
    return this.queue(async () => {
      const state = await this.current();
      this.clients.add(client);
      if (client.isConsole === true) this.names.set(client.userId, name);
      client.send({
        type: 'welcome',
        exerciseId: this.id,
        userId: client.userId,
        role: client.role,
      });
      if (
        client.isConsole !== true &&
        state.participants[client.role]?.userId !== client.userId &&
        state.finishedAt === null
      ) {
        await this.append(client.userId, client.role, `join:${client.userId}`, {
          kind: 'join',
          name,
        });
      }
      this.broadcast({ type: 'presence', connected: this.connectedRoles() });
    });
  }

  /** Sends a client every entry after `after`, then the ready marker. */
  resume(client: RoomClient, after: number): Promise<void> {
    return this.queue(async () => {
      const state = await this.current();
      for (const entry of this.entries)
        if (entry.seq > after) client.send({ type: 'entry', entry: entryFor(client, entry) });
      if (this.clients.has(client)) this.caughtUp.add(client);
      client.send({ type: 'ready', lastSeq: state.lastSeq, connected: this.connectedRoles() });
      if (this.score !== null) client.send({ type: 'scored', score: this.score });
      if (client.isConsole === true)
        for (const [role, view] of this.views) client.send({ type: 'view', role, view });
    });
  }

  /** Disconnects a client and tells the others. */
  disconnect(client: RoomClient): void {
    this.caughtUp.delete(client);
    if (!this.clients.delete(client)) return;
    this.broadcast({ type: 'presence', connected: this.connectedRoles() });
  }

  /** Validates, logs, applies and broadcasts one participant's command. */
  submit(client: RoomClient, id: string, command: ExerciseCommand): Promise<SubmitOutcome> {
    return this.queue(async () => {
      await this.current();
      const outcome = await this.append(client.userId, client.role, id, command);
      if (outcome.ok && command.kind === 'finish' && this.state !== null)
        await this.scoreIfNeeded(this.state);
      return outcome;
    });
  }

  private async append(
    userId: string,
    role: ExerciseRole,
    clientEventId: string,
    command: ExerciseCommand | ServerCommand | InstructorCommand,
    attempt = 0,
  ): Promise<SubmitOutcome> {
    const state = this.state as ExerciseState;
    const known = this.entries.find(
      (e) => e.userId === userId && e.clientEventId === clientEventId,
    );
    if (known !== undefined) return { ok: true, seq: known.seq };
    if (command.kind !== 'join') {
      const reason = isInstructorCommand(command)
        ? instructorRefusalReason(state, command)
        : commandRefusalReason(state, role, command, new Set(this.connectedRoles()));
      if (reason !== null) return { ok: false, reason };
    }
    const entry: ExerciseEntry = {
      seq: state.lastSeq + 1,
      clientEventId,
      userId,
      role,
      at: now(),
      command,
    };
    const applied = appendEntry(state, entry);
    if (!applied.ok) return { ok: false, reason: applied.reason };
    const stored = await appendToLog(this.db, this.id, entry);
    if (stored.kind === 'duplicate') {
      await this.reload();
      return { ok: true, seq: stored.seq };
    }
    if (stored.kind === 'behind') {
      await this.reload();
      if (attempt >= 3) return { ok: false, reason: 'the exercise is busy; send it again' };
      return this.append(userId, role, clientEventId, command, attempt + 1);
    }
    this.state = applied.state;
    this.entries.push(entry);
    for (const listener of this.caughtUp)
      listener.send({ type: 'entry', entry: entryFor(listener, entry) });
    return { ok: true, seq: entry.seq };
  }

  private async onInstructed(entry: ExerciseEntry): Promise<void> {
    const name = this.names.get(entry.userId) ?? 'Instructor';
    await recordInstructorStatement(this.db, {
      exerciseId: this.id,
      scenario: this.scenario,
      entry,
      instructorName: name,
    });
  }

  /** Scores a finished exercise and writes the verdicts once (again harmlessly after a crash). */
  private async scoreIfNeeded(state: ExerciseState): Promise<void> {
    const [row] = await this.db
      .select({ scoredAt: exercises.scoredAt })
      .from(exercises)
      .where(eq(exercises.id, this.id));
    const score = scoreExercise(state);
    if (row?.scoredAt === null || row?.scoredAt === undefined) {
      const finishedAt = state.finishedAt ?? now();
      const written = await writeVerdicts(this.db, {
        exerciseId: this.id,
        scenario: this.scenario,
        score,
        finishedAt,
        courses: this.courses,
      });
      if (!written.ok)
        throw new Error(`verdicts of exercise ${this.id} not stored: ${written.message}`);
      await this.db
        .update(exercises)
        .set({ scoredAt: finishedAt, result: JSON.stringify(score) })
        .where(eq(exercises.id, this.id));
    }
    this.score = score;
    this.broadcast({ type: 'scored', score });
  }

  private broadcast(frame: ServerFrame): void {
    for (const client of this.clients) client.send(frame);
  }
}
