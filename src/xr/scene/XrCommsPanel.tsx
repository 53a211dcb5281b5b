import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { CanvasTexture, Mesh, SRGBColorSpace } from 'three';
import type { ExerciseStore } from '../../client/exercises/exercise-store.ts';
import {
  chooseOperation,
  emptyDraft,
  operationsFor,
  pendingInstruction,
  shiftTime,
  targetCandidates,
  timeOfDay,
  toggleTarget,
  type RepeatBackDraft,
} from '../../client/exercises/repeat-back-draft.ts';
import type { AttemptStore } from '../../client/sims/attempt-store.ts';
import type { ReplayStore } from '../../client/exercises/replay-store.ts';
import {
  COMMS_CANVAS,
  drawCommsPanel,
  drawReplayPanel,
  replayPanelContent,
  type CommsButton,
  type CommsCommand,
} from './xr-comms-canvas.ts';
import { useFollowView } from './follow-view.ts';

/** Width and height of the panel in metres: large enough to compose with a controller ray. */
const COMMS_SIZE = 0.72;
/** Scene-graph name of the panel (diagnostics find its buttons by it). */
export const COMMS_PANEL_NAME = 'xr-comms-panel';

/** What diagnostics read from a headset panel's `userData`. */
export interface PanelUserData {
  readonly size: number;
  readonly canvasSize: number;
  readonly buttons: readonly CommsButton[];
  readonly lines: readonly string[];
  /** The button under the controller's ray, and the one a held trigger started on. */
  readonly hovered: string | null;
  readonly pressed: string | null;
}

/**
 * The headset's communications panel (right of the view): the pending Operating Instruction and
 * a large repeat-back composer worked with the controller's ray and trigger, then the steps to
 * carry out and the report. Commands go to the server like the 2D panel's.
 * Watching a replay (`replay`), it shows the log and the moment instead, and its only buttons are
 * the replay's own: play or pause, previous and next entry.
 */
export function XrCommsPanel({
  store,
  attempt,
  replay,
}: {
  store: ExerciseStore;
  attempt: AttemptStore;
  replay?: ReplayStore | undefined;
}) {
  const mesh = useRef<Mesh>(null);
  const canvas = useMemo(() => {
    const element = document.createElement('canvas');
    element.width = COMMS_CANVAS;
    element.height = COMMS_CANVAS;
    return element;
  }, []);
  const texture = useMemo(() => {
    const map = new CanvasTexture(canvas);
    map.colorSpace = SRGBColorSpace;
    return map;
  }, [canvas]);
  const state = useMemo(
    () => ({
      buttons: [] as CommsButton[],
      draft: null as RepeatBackDraft | null,
      lines: [] as string[],
      /** Where the ray last met the panel, in canvas pixels. */
      aim: null as { x: number; y: number } | null,
      hovered: null as CommsButton | null,
      pressed: null as CommsButton | null,
      redraw: (): void => undefined,
    }),
    [],
  );
  /** Shows what the panel holds on the mesh, where diagnostics read it. */
  const publish = (): void => {
    if (mesh.current === null) return;
    const data: PanelUserData = {
      size: COMMS_SIZE,
      canvasSize: COMMS_CANVAS,
      buttons: state.buttons,
      lines: state.lines,
      hovered: state.hovered?.label ?? null,
      pressed: state.pressed?.label ?? null,
    };
    mesh.current.userData = data;
  };
  useEffect(() => {
    const context = canvas.getContext('2d');
    if (context === null) return undefined;
    const finish = (drawing: { buttons: CommsButton[]; lines: string[] }): void => {
      state.buttons = drawing.buttons;
      state.lines = drawing.lines;
      // A redraw can put another button under a ray that has not moved.
      state.hovered = state.aim === null ? null : buttonAt(state.aim);
      publish();
      texture.needsUpdate = true;
    };
    state.redraw = () => {
      const { exercise, me, refusal } = store.getState();
      if (replay !== undefined) {
        const position = replay.getState();
        finish(drawReplayPanel(context, replayPanelContent(exercise, position, position.length)));
        return;
      }
      const pending = exercise.finishedAt === null ? pendingInstruction(exercise, me.role) : null;
      if (pending === null) state.draft = null;
      else if (state.draft?.instruction !== pending.seq) state.draft = emptyDraft(pending.seq);
      const operation = state.draft?.operation ?? null;
      const drawing = drawCommsPanel(context, {
        exercise,
        role: me.role,
        pending,
        draft: state.draft,
        operations: operationsFor(exercise, me.role),
        candidates:
          operation === null
            ? []
            : targetCandidates(exercise, operation, attempt.getState().selected),
        refusal,
      });
      finish(drawing);
    };
    state.redraw();
    const offStore = store.subscribe(() => state.redraw());
    const offAttempt = attempt.subscribe(() => state.redraw());
    const offReplay = replay?.subscribe(() => state.redraw());
    return () => {
      offStore();
      offAttempt();
      offReplay?.();
    };
  }, [store, attempt, replay, canvas, texture, state]);
  useFollowView(mesh, -1);

  const buttonAt = ({ x, y }: { x: number; y: number }): CommsButton | null =>
    state.buttons.find((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) ?? null;
  const hit = (event: ThreeEvent<PointerEvent>): CommsButton | null => {
    const uv = event.uv;
    if (!uv) return null;
    state.aim = { x: uv.x * COMMS_CANVAS, y: (1 - uv.y) * COMMS_CANVAS };
    return buttonAt(state.aim);
  };
  const run = (command: CommsCommand): void => {
    if (command.kind === 'replay') {
      replay?.getState().run(command.command);
      return;
    }
    // A replay's panel has only replay buttons: nothing from it is ever sent.
    if (replay !== undefined) return;
    const { send } = store.getState();
    const draft = state.draft;
    if (command.kind === 'act') void send({ kind: 'act', action: command.action });
    else if (command.kind === 'report')
      void send({ kind: 'report', instruction: command.instruction });
    else if (draft === null) return;
    else if (command.kind === 'repeat-back') {
      if (draft.operation === null) return;
      void send({
        kind: 'repeat-back',
        instruction: draft.instruction,
        operation: draft.operation,
        targets: [...draft.targets],
        ...(draft.time === null ? {} : { time: draft.time }),
      });
    } else {
      state.draft =
        command.kind === 'operation'
          ? chooseOperation(draft, command.operation)
          : command.kind === 'target'
            ? toggleTarget(draft, command.target)
            : command.kind === 'clear-targets'
              ? { ...draft, targets: [] }
              : command.kind === 'next-page'
                ? { ...draft, page: draft.page + 1 }
                : {
                    ...draft,
                    time:
                      command.minutes === 'now'
                        ? timeOfDay(new Date())
                        : shiftTime(draft.time, command.minutes, new Date()),
                  };
      state.redraw();
    }
  };
  // A trigger pull presses the button it started on when it is let go over that button; how
  // long it was held does not matter (a slow frame must not swallow a press).
  return (
    <mesh
      ref={mesh}
      name={COMMS_PANEL_NAME}
      renderOrder={5}
      onPointerMove={(event) => {
        const over = hit(event);
        if (over?.label === state.hovered?.label) return;
        state.hovered = over;
        publish();
      }}
      onPointerDown={(event) => {
        event.stopPropagation();
        state.pressed = hit(event);
        publish();
      }}
      onPointerUp={(event) => {
        event.stopPropagation();
        const pressed = state.pressed;
        state.pressed = null;
        publish();
        const released = hit(event);
        if (pressed !== null && released !== null && pressed.label === released.label)
          run(released.command);
      }}
      onPointerLeave={() => {
        state.aim = null;
        state.hovered = null;
        state.pressed = null;
        publish();
      }}
      onClick={(event) => event.stopPropagation()}
    >
      <planeGeometry args={[COMMS_SIZE, COMMS_SIZE]} />
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}
