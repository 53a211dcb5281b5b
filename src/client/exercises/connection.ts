import type {
  ExerciseCommand,
  ExerciseEntry,
  InstructorCommand,
} from '../../sim/exercise/commands.ts';
import { isInstructorCommand } from '../../sim/exercise/validate.ts';
import type { ServerFrame } from '../../lib/shared/exercises/frames.ts';
import { backoffDelay } from '../backoff.ts';

/** The part of a WebSocket the connection uses (the browser's, or `ws` in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** What the view learns from the connection. */
export interface ConnectionHandlers {
  /** Each log entry exactly once, in sequence order. */
  onEntry(entry: ExerciseEntry): void;
  /** Every other frame (welcome, ready, presence, refused, scored). */
  onFrame(frame: ServerFrame): void;
  /** online: resumed and up to date; offline: reconnecting. */
  onStatus(status: 'connecting' | 'online' | 'offline', detail?: string): void;
}

/** The outcome of a command: its sequence number, or the server's reason for refusing it. */
export type CommandOutcome = { ok: true; seq: number } | { ok: false; reason: string };

const OPEN = 1;
/** Reconnect timing: quick at first, never slower than every five seconds. */
const RECONNECT = { baseMs: 250, maxMs: 5000 };

/**
 * A live exercise connection that survives drops: it resumes after the last sequence number it
 * holds (so nothing is lost or applied twice) and resends unanswered commands under the same
 * client event id (so nothing is stored twice).
 */
export class ExerciseConnection {
  private socket: SocketLike | null = null;
  private lastSeq = 0;
  private failures = 0;
  private isClosed = false;
  private isReady = false;
  private readonly outbox = new Map<
    string,
    { command: ExerciseCommand | InstructorCommand; resolve: (o: CommandOutcome) => void }
  >();
  private readonly open: () => SocketLike;
  private readonly handlers: ConnectionHandlers;

  constructor(open: () => SocketLike, handlers: ConnectionHandlers) {
    this.open = open;
    this.handlers = handlers;
  }

  /** The highest sequence number applied. */
  get seq(): number {
    return this.lastSeq;
  }

  /** Opens the socket (and keeps reopening it until `close`). */
  start(): void {
    this.isClosed = false;
    this.connect();
  }

  /** Sends a command; resolves when the server accepts or refuses it, across reconnects. */
  send(
    command: ExerciseCommand | InstructorCommand,
    id: string = crypto.randomUUID(),
  ): Promise<CommandOutcome> {
    return new Promise((resolve) => {
      this.outbox.set(id, { command, resolve });
      if (this.isReady) this.transmit(id, command);
    });
  }

  /** Closes for good. */
  close(): void {
    this.isClosed = true;
    this.socket?.close(1000, 'left');
  }

  /** Tells instructor consoles how this participant is looking at the exercise (not logged). */
  sendView(mode: 'scada' | '2d' | '3d' | 'headset', selected: string | null): void {
    this.view = { mode, selected };
    if (this.isReady && this.socket?.readyState === OPEN)
      this.socket.send(JSON.stringify({ type: 'view', ...this.view }));
  }

  private view: { mode: 'scada' | '2d' | '3d' | 'headset'; selected: string | null } | null = null;

  private transmit(id: string, command: ExerciseCommand | InstructorCommand): void {
    const type = isInstructorCommand(command) ? 'instruct' : 'submit';
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify({ type, id, command }));
  }

  private connect(): void {
    this.handlers.onStatus('connecting');
    const socket = this.open();
    this.socket = socket;
    this.isReady = false;
    socket.onopen = () => {
      this.failures = 0;
      socket.send(JSON.stringify({ type: 'hello', after: this.lastSeq }));
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.isReady = false;
      this.socket = null;
      if (this.isClosed) return;
      this.handlers.onStatus('offline', event.reason || undefined);
      setTimeout(
        () => {
          if (!this.isClosed) this.connect();
        },
        backoffDelay(this.failures, RECONNECT),
      );
      this.failures += 1;
    };
  }

  private receive(data: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'entry':
        if (frame.entry.seq === this.lastSeq + 1) {
          this.lastSeq = frame.entry.seq;
          this.handlers.onEntry(frame.entry);
        } else if (frame.entry.seq > this.lastSeq + 1) {
          this.socket?.close(4000, 'gap');
        }
        return;
      case 'ready':
        this.isReady = true;
        this.handlers.onStatus('online');
        if (this.view !== null) this.socket?.send(JSON.stringify({ type: 'view', ...this.view }));
        for (const [id, { command }] of this.outbox) this.transmit(id, command);
        break;
      case 'accepted':
      case 'refused': {
        const pending = frame.id === null ? undefined : this.outbox.get(frame.id);
        if (pending !== undefined && frame.id !== null) {
          this.outbox.delete(frame.id);
          pending.resolve(
            frame.type === 'accepted'
              ? { ok: true, seq: frame.seq }
              : { ok: false, reason: frame.reason },
          );
        }
        break;
      }
      default:
        break;
    }
    this.handlers.onFrame(frame);
  }
}
