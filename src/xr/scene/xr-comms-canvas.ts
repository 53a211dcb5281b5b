import type { RepeatBackDraft } from '../../client/exercises/repeat-back-draft.ts';
import {
  MARK_KIND_LABELS,
  exerciseTimeline,
  type MarkKind,
} from '../../lib/shared/exercises/exercise-timeline.ts';
import {
  momentLine,
  replayControls,
  type ReplayCommand,
  type ReplayControl,
  type ReplayPosition,
} from '../../lib/shared/exercises/replay-controls.ts';
import { describeAction, describeStep } from '../../sim/exercise/apply.ts';
import { PROTOCOL } from '../../sim/exercise/protocol.ts';
import type { ExerciseState, InstructionRecord } from '../../sim/exercise/state.ts';
import { ROLE_LABELS } from '../../sim/exercise/state.ts';
import type { SimAction } from '../../sim/schema/action.ts';
import type { ExerciseRole, Operation } from '../../sim/schema/exercise.ts';
import { wrap } from './xr-panel-canvas.ts';

/** Canvas size of the communications panel, in pixels (square). */
export const COMMS_CANVAS = 1024;
/** Equipment choices per page of the composer. */
export const CHOICES_PER_PAGE = 12;

/** What pressing a button of the communications panel does. */
export type CommsCommand =
  | { kind: 'operation'; operation: Operation }
  | { kind: 'target'; target: string }
  | { kind: 'next-page' }
  | { kind: 'clear-targets' }
  | { kind: 'time'; minutes: number | 'now' }
  | { kind: 'repeat-back' }
  | { kind: 'act'; action: SimAction }
  | { kind: 'report'; instruction: number }
  | { kind: 'replay'; command: ReplayCommand };

/** A button as drawn: where it is on the canvas, what it says and what it does. */
export interface CommsButton {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly label: string;
  readonly command: CommsCommand;
}

/** What the panel shows. */
export interface CommsPanelView {
  readonly exercise: ExerciseState;
  readonly role: ExerciseRole;
  readonly pending: InstructionRecord | null;
  readonly draft: RepeatBackDraft | null;
  readonly operations: readonly Operation[];
  /** Equipment the chosen operation can name, the selected device first. */
  readonly candidates: readonly string[];
  readonly refusal: string | null;
}

/** What was drawn: the buttons, and the text lines (read by diagnostics and tests). */
export interface CommsDrawing {
  readonly buttons: CommsButton[];
  readonly lines: string[];
}

const COLORS = {
  background: '#0f1b22',
  title: '#7fd6e8',
  text: '#ffffff',
  muted: '#cfe2ea',
  heading: '#9fb7c1',
  step: '#ffe08a',
  error: '#ff7b6b',
  button: '#26404d',
  chosen: '#1d6fb8',
  go: '#1b6b34',
} as const;

/**
 * Draws the headset's communications panel: the pending Operating Instruction and, at each stage,
 * what the receiver does next: compose the repeat-back (operation, equipment, time), wait for
 * confirmation, carry the steps out and report.
 */
export function drawCommsPanel(
  context: CanvasRenderingContext2D,
  view: CommsPanelView,
): CommsDrawing {
  const drawing: CommsDrawing = { buttons: [], lines: [] };
  const text = (line: string, x: number, y: number, font: string, color: string): void => {
    context.font = font;
    context.fillStyle = color;
    context.fillText(line, x, y);
    drawing.lines.push(line);
  };
  const para = (line: string, y: number, font: string, color: string, maxLines = 2): number => {
    context.font = font;
    context.fillStyle = color;
    drawing.lines.push(line);
    return wrap(
      context,
      line,
      32,
      y,
      960,
      Number.parseInt(font.replace(/\D+/g, ''), 10) + 8,
      maxLines,
    );
  };
  context.fillStyle = COLORS.background;
  context.fillRect(0, 0, COMMS_CANVAS, COMMS_CANVAS);
  context.textAlign = 'left';
  text(`Communications: ${ROLE_LABELS[view.role]}`, 32, 58, 'bold 38px sans-serif', COLORS.title);
  const { pending } = view;
  let y = 112;
  if (pending === null) {
    para(
      'No open instruction for you. The switching authority sends the next one.',
      y,
      '32px sans-serif',
      COLORS.muted,
    );
  } else {
    text(
      `Instruction ${pending.seq} from the ${ROLE_LABELS[pending.from]}`,
      32,
      y,
      'bold 32px sans-serif',
      COLORS.text,
    );
    y = para(
      `${describeStep(pending)}${pending.text ? `. ${pending.text}` : ''}`,
      y + 46,
      'bold 38px sans-serif',
      COLORS.step,
    );
    if (pending.status === 'issued' && view.draft !== null)
      drawComposer(context, drawing, view, view.draft, y + 6);
    else drawProgress(context, drawing, pending, y + 6, para);
  }
  if (view.refusal !== null)
    para(`Not sent: ${view.refusal}`, 962, '26px sans-serif', COLORS.error);
  else {
    const last = view.exercise.timeline.at(-1);
    if (last !== undefined)
      para(`${ROLE_LABELS[last.role]}: ${last.text}`, 962, '24px sans-serif', COLORS.heading);
  }
  return drawing;
}

function button(
  context: CanvasRenderingContext2D,
  drawing: CommsDrawing,
  box: { x: number; y: number; w: number; h: number },
  label: string,
  color: string,
  command: CommsCommand | null,
): void {
  context.fillStyle = command === null ? '#1a2a31' : color;
  context.beginPath();
  context.roundRect(box.x, box.y, box.w, box.h, 10);
  context.fill();
  context.fillStyle = command === null ? '#6d7f87' : COLORS.text;
  context.font = box.w > 400 ? 'bold 32px sans-serif' : '22px sans-serif';
  context.textAlign = 'center';
  context.fillText(label.slice(0, 48), box.x + box.w / 2, box.y + box.h / 2 + 9);
  context.textAlign = 'left';
  if (command !== null) drawing.buttons.push({ ...box, label, command });
}

/** Four columns of buttons from y; returns the y below them. */
function grid(
  context: CanvasRenderingContext2D,
  drawing: CommsDrawing,
  y: number,
  items: readonly { label: string; isChosen: boolean; command: CommsCommand }[],
): number {
  const w = 232;
  const h = 54;
  items.forEach((item, i) => {
    const box = { x: 32 + (i % 4) * (w + 11), y: y + Math.floor(i / 4) * (h + 9), w, h };
    button(
      context,
      drawing,
      box,
      item.label,
      item.isChosen ? COLORS.chosen : COLORS.button,
      item.command,
    );
  });
  return y + Math.ceil(items.length / 4) * (h + 9);
}

function drawComposer(
  context: CanvasRenderingContext2D,
  drawing: CommsDrawing,
  view: CommsPanelView,
  draft: RepeatBackDraft,
  top: number,
): void {
  const heading = (line: string, y: number): void => {
    context.font = 'bold 26px sans-serif';
    context.fillStyle = COLORS.heading;
    context.fillText(line, 32, y);
    drawing.lines.push(line);
  };
  heading('Repeat it back: 1. operation', top + 22);
  let y = grid(
    context,
    drawing,
    top + 36,
    view.operations.map((operation) => ({
      label: PROTOCOL.operations[operation].label,
      isChosen: draft.operation === operation,
      command: { kind: 'operation', operation },
    })),
  );
  const said = draft.targets.length > 0 ? draft.targets.join(', ') : 'none chosen';
  heading(`2. equipment: ${said}`, y + 28);
  const rule = draft.operation === null ? null : PROTOCOL.operations[draft.operation];
  if (rule === null || rule.target === 'none') {
    context.font = '26px sans-serif';
    context.fillStyle = COLORS.muted;
    const note =
      rule === null ? 'Choose the operation first.' : 'This operation names no equipment.';
    context.fillText(note, 32, y + 70);
    drawing.lines.push(note);
    y += 90;
  } else {
    const pages = Math.max(1, Math.ceil(view.candidates.length / CHOICES_PER_PAGE));
    const page = draft.page % pages;
    const shown = view.candidates.slice(page * CHOICES_PER_PAGE, (page + 1) * CHOICES_PER_PAGE);
    y = grid(context, drawing, y + 42, [
      ...shown.map((target) => ({
        label: target,
        isChosen: draft.targets.includes(target),
        command: { kind: 'target', target } as const,
      })),
    ]);
    y = grid(context, drawing, y, [
      {
        label: `More (page ${page + 1} of ${pages})`,
        isChosen: false,
        command: { kind: 'next-page' },
      },
      { label: 'Clear equipment', isChosen: false, command: { kind: 'clear-targets' } },
    ]);
  }
  heading(`3. time: ${draft.time ?? 'not stated'}`, y + 28);
  y = grid(context, drawing, y + 42, [
    { label: 'Now', isChosen: false, command: { kind: 'time', minutes: 'now' } },
    { label: '-1 min', isChosen: false, command: { kind: 'time', minutes: -1 } },
    { label: '+1 min', isChosen: false, command: { kind: 'time', minutes: 1 } },
    { label: '+10 min', isChosen: false, command: { kind: 'time', minutes: 10 } },
  ]);
  button(
    context,
    drawing,
    { x: 32, y: y + 8, w: 960, h: 78 },
    `Repeat back instruction ${draft.instruction}`,
    COLORS.go,
    draft.operation === null ? null : { kind: 'repeat-back' },
  );
}

function drawProgress(
  context: CanvasRenderingContext2D,
  drawing: CommsDrawing,
  pending: InstructionRecord,
  top: number,
  para: (line: string, y: number, font: string, color: string, maxLines?: number) => number,
): void {
  let y = top;
  if (pending.repeatBack !== null)
    y = para(
      `Your repeat-back: ${describeStep(pending.repeatBack)}`,
      y + 30,
      '28px sans-serif',
      COLORS.muted,
    );
  if (pending.status === 'repeated') {
    para(
      'Waiting for the switching authority to confirm it, or to correct it.',
      y + 12,
      '30px sans-serif',
      COLORS.text,
    );
    return;
  }
  if (pending.status === 'reported') {
    para(
      'Reported complete: waiting for the acknowledgement.',
      y + 12,
      '30px sans-serif',
      COLORS.text,
    );
    return;
  }
  y = para(
    'Confirmed: carry it out, then report it complete.',
    y + 12,
    'bold 30px sans-serif',
    COLORS.text,
  );
  const wide = pending.remaining.length <= 4;
  pending.remaining.forEach((action, i) => {
    const box = wide
      ? { x: 32, y: y + i * 66, w: 960, h: 58 }
      : { x: 32 + (i % 2) * 485, y: y + Math.floor(i / 2) * 66, w: 475, h: 58 };
    button(context, drawing, box, `Carry out: ${describeAction(action)}`, COLORS.chosen, {
      kind: 'act',
      action,
    });
  });
  const rows = wide ? pending.remaining.length : Math.ceil(pending.remaining.length / 2);
  button(
    context,
    drawing,
    { x: 32, y: y + rows * 66 + 12, w: 960, h: 78 },
    `Report instruction ${pending.seq} complete`,
    COLORS.go,
    { kind: 'report', instruction: pending.seq },
  );
}

/** Lines of the communications log the replay panel shows, newest last. */
export const REPLAY_LOG_LINES = 9;
/** What the replay panel's log lists: what was said and injected (the moment lists the rest). */
const COMMUNICATION_KINDS = new Set<MarkKind>(['message', 'inject', 'control', 'note']);

/** What the headset's panel shows while a replay is watched: nothing there can be sent. */
export interface ReplayPanelContent {
  readonly title: string;
  /** Which entry is shown and when it was made. */
  readonly moment: string;
  /** What happened at this entry; hazards say so. */
  readonly happened: readonly { text: string; isHazard: boolean }[];
  /** The communications log (messages, injects, instructor's controls and notes) up to this entry, the newest last. */
  readonly log: readonly string[];
  /** The replay's own controls, the only buttons on the panel. */
  readonly controls: readonly ReplayControl[];
}

/** The replay panel's content at a position (pure: the exercise just after entry `at`). */
export function replayPanelContent(
  exercise: ExerciseState,
  position: ReplayPosition,
  length: number,
): ReplayPanelContent {
  const { at } = position;
  const marks = exerciseTimeline(exercise, { withNotes: true });
  const time = new Date(exercise.lastAt).toISOString().slice(11, 19);
  return {
    title: 'Replay: communications',
    moment: `Entry ${at} of ${length}${at === 0 ? ' (start)' : `, ${time} UTC`}`,
    happened:
      at === 0
        ? [{ text: 'Before the first entry.', isHazard: false }]
        : marks
            .filter((mark) => mark.seq === at)
            .map((mark) => ({ text: momentLine(mark), isHazard: mark.kind === 'hazard' })),
    log: marks
      .filter((mark) => mark.seq <= at && COMMUNICATION_KINDS.has(mark.kind))
      .slice(-REPLAY_LOG_LINES)
      .map(
        (mark) =>
          `#${mark.seq} ${ROLE_LABELS[mark.role]} · ${MARK_KIND_LABELS[mark.kind]}: ${mark.text}`,
      ),
    controls: replayControls(position, length),
  };
}

/**
 * Draws the headset's communications panel for a replay: the moment, what happened at it, the
 * log up to it, and play or pause, previous and next entry, worked with the controller's ray.
 */
export function drawReplayPanel(
  context: CanvasRenderingContext2D,
  content: ReplayPanelContent,
): CommsDrawing {
  const drawing: CommsDrawing = { buttons: [], lines: [] };
  const para = (line: string, y: number, font: string, color: string, maxLines = 2): number => {
    context.font = font;
    context.fillStyle = color;
    drawing.lines.push(line);
    const size = Number.parseInt(font.replace(/\D+/g, ''), 10);
    return wrap(context, line, 32, y, 960, size + 8, maxLines);
  };
  context.fillStyle = COLORS.background;
  context.fillRect(0, 0, COMMS_CANVAS, COMMS_CANVAS);
  context.textAlign = 'left';
  let y = para(content.title, 58, 'bold 38px sans-serif', COLORS.title, 1);
  y = para(content.moment, y + 4, 'bold 30px sans-serif', COLORS.text, 1);
  y = para('At this entry', y + 20, 'bold 26px sans-serif', COLORS.heading, 1);
  for (const item of content.happened.slice(0, 4))
    y = para(
      item.text,
      y + 4,
      item.isHazard ? 'bold 30px sans-serif' : '28px sans-serif',
      item.isHazard ? COLORS.error : COLORS.step,
    );
  y = para('Communications log', y + 24, 'bold 26px sans-serif', COLORS.heading, 1);
  for (const line of content.log) {
    if (y > 800) break;
    y = para(line, y + 2, '24px sans-serif', COLORS.muted, 2);
  }
  content.controls.forEach((control, i) => {
    button(
      context,
      drawing,
      { x: 32 + i * 323, y: 872, w: 314, h: 96 },
      control.label,
      control.command === 'toggle-play' ? COLORS.go : COLORS.button,
      control.isEnabled ? { kind: 'replay', command: control.command } : null,
    );
  });
  return drawing;
}
