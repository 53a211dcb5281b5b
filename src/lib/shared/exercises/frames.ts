import { z } from 'zod';
import { ExerciseCommandSchema, InstructorCommandSchema } from '../../../sim/exercise/commands.ts';
import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import type { ExerciseScore } from '../../../sim/exercise/scoring.ts';
import type { ExerciseRole } from '../../../sim/schema/exercise.ts';

/** Largest frame a client may send, in bytes. */
export const MAX_FRAME_BYTES = 8 * 1024;

/** What a browser sends over the exercise socket. */
export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    /** The last sequence number the client holds (0 for none): the server sends what follows. */
    after: z.number().int().min(0),
  }),
  z.object({
    type: z.literal('submit'),
    /** Client event id, unique per sender: a resend after a reconnect is stored once. */
    id: z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/, 'an id of letters, digits, - _ :'),
    command: ExerciseCommandSchema,
  }),
  z.object({
    type: z.literal('instruct'),
    /** Client event id, as for submit; only the instructor console may send these. */
    id: z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/, 'an id of letters, digits, - _ :'),
    command: InstructorCommandSchema,
  }),
  z.object({
    type: z.literal('view'),
    /** How the participant is looking at the exercise. */
    mode: z.enum(['scada', '2d', '3d', 'headset']),
    /** The device they have selected (where they are in the yard), if any. */
    selected: z.string().max(64).nullable(),
  }),
]);
export type ClientFrame = z.output<typeof ClientFrameSchema>;

/** What the server sends. */
export type ServerFrame =
  | { type: 'welcome'; exerciseId: string; userId: string; role: ExerciseRole }
  | { type: 'entry'; entry: ExerciseEntry }
  | { type: 'ready'; lastSeq: number; connected: ExerciseRole[] }
  | { type: 'accepted'; id: string; seq: number }
  | { type: 'refused'; id: string | null; reason: string }
  | { type: 'presence'; connected: ExerciseRole[] }
  | { type: 'scored'; score: ExerciseScore }
  /** To instructor consoles: how one participant is looking at the exercise now. */
  | { type: 'view'; role: ExerciseRole; view: ParticipantView };

/** A participant's view state, as the instructor console shows it. */
export interface ParticipantView {
  readonly mode: 'scada' | '2d' | '3d' | 'headset';
  readonly selected: string | null;
  /** Server time of the report. */
  readonly at: number;
}

/** Socket path of an exercise. */
export function socketPath(exerciseId: string): string {
  return `/exercises/${exerciseId}/live`;
}

/** Socket path of an exercise's instructor console. */
export function consoleSocketPath(exerciseId: string): string {
  return `/exercises/${exerciseId}/console/live`;
}

/** The exercise id in a console socket path, or null. */
export function exerciseIdFromConsolePath(path: string): string | null {
  const match = /^\/exercises\/([0-9a-f-]{36})\/console\/live$/.exec(path);
  return match?.[1] ?? null;
}

/** The exercise id in a socket path, or null. */
export function exerciseIdFromPath(path: string): string | null {
  const match = /^\/exercises\/([0-9a-f-]{36})\/live$/.exec(path);
  return match?.[1] ?? null;
}
