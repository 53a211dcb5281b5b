import { currentStep } from '../../sim/progress.ts';
import { deviceView } from '../../sim/describe.ts';
import type { AttemptState } from '../../client/sims/attempt-store.ts';
import { deviceActions, generalActions } from '../../client/sims/actions.ts';
import type { SimAction } from '../../sim/schema/action.ts';

/** A button drawn on the panel and what pressing it does. */
export interface PanelButton {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly command:
    | { kind: 'act'; action: SimAction }
    | { kind: 'toggle'; what: 'labels' | 'colours' | 'hint' | 'briefing' }
    | { kind: 'finish' | 'exit' };
}

/** Panel settings that are not part of the attempt. */
export interface PanelOptions {
  readonly showLabels: boolean;
  readonly showEnergization: boolean;
  readonly showHint: boolean;
  /** Show the scenario's summary and objectives instead of the actions. */
  readonly showBriefing: boolean;
  /** A replay being watched: no actions and no finish, only what the view shows. */
  readonly isReadOnly?: boolean;
}

/** Draws text wrapped to a width, at most `maxLines` lines; returns the y below it. */
export function wrap(
  context: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  width: number,
  lineHeight: number,
  maxLines: number,
): number {
  const words = text.split(/\s+/);
  let line = '';
  let lines = 0;
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (context.measureText(candidate).width > width && line) {
      context.fillText(line, x, y + lines * lineHeight);
      lines += 1;
      line = word;
      if (lines >= maxLines) return y + lines * lineHeight;
    } else {
      line = candidate;
    }
  }
  if (line) {
    context.fillText(lines === maxLines - 1 ? line : line, x, y + lines * lineHeight);
    lines += 1;
  }
  return y + lines * lineHeight;
}

/** Draws the wrist panel (1024 x 1024): step, selection, actions, last event, result; returns its buttons. */
export function drawXrPanel(
  context: CanvasRenderingContext2D,
  attempt: AttemptState,
  options: PanelOptions,
): PanelButton[] {
  const buttons: PanelButton[] = [];
  const { sim } = attempt;
  context.fillStyle = '#0f1b22';
  context.fillRect(0, 0, 1024, 1024);
  context.textAlign = 'left';
  context.fillStyle = '#7fd6e8';
  context.font = 'bold 40px sans-serif';
  context.fillText(sim.model.scenario.title.slice(0, 42), 32, 60);
  const step = currentStep(sim);
  context.fillStyle = '#ffffff';
  context.font = '34px sans-serif';
  let y = wrap(
    context,
    step
      ? `Step ${step.index + 1}: ${step.step.instruction}`
      : 'Every step is done. Finish to have the attempt verified.',
    32,
    112,
    960,
    42,
    2,
  );
  if (options.showHint && step?.hints[0]) {
    context.fillStyle = '#f3c46b';
    context.font = '28px sans-serif';
    y = wrap(context, `Hint: ${step.hints[0]}`, 32, y + 4, 960, 34, 3);
  }
  const isReadOnly = options.isReadOnly === true;
  const isRunning = attempt.phase === 'running' && !attempt.banner && !isReadOnly;
  if (attempt.banner) {
    context.fillStyle = '#f3c46b';
    context.fillRect(0, y + 4, 1024, 84);
    context.fillStyle = '#0f1b22';
    context.font = 'bold 34px sans-serif';
    y = wrap(context, attempt.banner, 32, y + 56, 960, 38, 2) + 20;
  }
  if (options.showBriefing) {
    context.fillStyle = '#cfe2ea';
    context.font = '30px sans-serif';
    y = wrap(context, sim.model.scenario.summary, 32, y + 14, 960, 36, 4);
    context.font = '28px sans-serif';
    for (const objective of sim.model.scenario.objectives) {
      y = wrap(context, `• ${objective}`, 32, y + 8, 960, 34, 2);
    }
    drawToolbar(context, buttons, options, isRunning);
    return buttons;
  }
  if (isReadOnly) {
    // Only what the yard shows: the replay's own controls are on the communications panel.
    context.fillStyle = '#cfe2ea';
    context.font = '30px sans-serif';
    y = wrap(
      context,
      attempt.selected === null
        ? 'A replay: point at equipment and pull the trigger to see its state at this moment.'
        : (deviceView(sim, attempt.selected)?.accessibleName ?? ''),
      32,
      y + 14,
      960,
      36,
      3,
    );
    const last = attempt.events.at(-1);
    if (last) {
      context.fillStyle = last.severity === 'critical' ? '#ff7b6b' : '#cfe2ea';
      context.font = '28px sans-serif';
      wrap(context, `${last.message}. ${last.explanation}`, 32, Math.max(y + 20, 800), 960, 32, 3);
    }
    drawToolbar(context, buttons, options, false);
    return buttons;
  }
  const selected = attempt.selected === null ? null : deviceView(sim, attempt.selected);
  context.fillStyle = '#cfe2ea';
  context.font = '30px sans-serif';
  y = wrap(
    context,
    selected ? selected.accessibleName : 'Point at equipment and pull the trigger to select it.',
    32,
    y + 14,
    960,
    36,
    2,
  );
  const choices = [
    ...(selected ? deviceActions(sim, selected.id).slice(0, 5) : []),
    ...generalActions(sim),
  ].slice(0, 7);
  y += 10;
  for (const choice of choices) {
    button(
      context,
      buttons,
      32,
      y,
      960,
      62,
      choice.label,
      choice.isPrimary ? '#1d6fb8' : '#26404d',
      isRunning ? { kind: 'act', action: choice.action } : null,
    );
    y += 72;
  }
  const last = attempt.events.at(-1);
  if (last) {
    context.fillStyle =
      last.severity === 'critical' ? '#ff7b6b' : last.severity === 'info' ? '#9fe3b4' : '#f3c46b';
    context.font = '28px sans-serif';
    wrap(context, `${last.message}. ${last.explanation}`, 32, Math.max(y + 20, 800), 960, 32, 3);
  }
  if (attempt.submission.kind === 'verified') {
    const { attempt: verified } = attempt.submission;
    context.fillStyle = verified.passed ? '#9fe3b4' : '#ff7b6b';
    context.font = 'bold 36px sans-serif';
    context.fillText(
      `${verified.passed ? 'Passed' : 'Not passed'}: ${verified.score} of ${verified.maxScore} (verified)`,
      32,
      780,
    );
  }
  drawToolbar(context, buttons, options, isRunning);
  return buttons;
}

/** The bottom row: briefing, labels, colours, hint, finish and exit. */
function drawToolbar(
  context: CanvasRenderingContext2D,
  buttons: PanelButton[],
  options: PanelOptions,
  isRunning: boolean,
): void {
  const items: [string, string, PanelButton['command'] | null][] = [
    [
      options.showBriefing ? 'Actions' : 'Briefing',
      '#26404d',
      { kind: 'toggle', what: 'briefing' },
    ],
    [
      options.showLabels ? 'Labels on' : 'Labels off',
      '#26404d',
      { kind: 'toggle', what: 'labels' },
    ],
    [
      options.showEnergization ? 'Colours on' : 'Colours off',
      '#26404d',
      { kind: 'toggle', what: 'colours' },
    ],
    ['Hint', '#26404d', { kind: 'toggle', what: 'hint' }],
    ...(options.isReadOnly === true
      ? []
      : ([['Finish', isRunning ? '#1b6b34' : '#26404d', isRunning ? { kind: 'finish' } : null]] as [
          string,
          string,
          PanelButton['command'] | null,
        ][])),
    ['Exit VR', '#5a2a26', { kind: 'exit' }],
  ];
  items.forEach(([label, color, command], i) => {
    button(context, buttons, 32 + i * 162, 920, 150, 70, label, color, command);
  });
}

function button(
  context: CanvasRenderingContext2D,
  buttons: PanelButton[],
  x: number,
  y: number,
  w: number,
  h: number,
  label: string,
  color: string,
  command: PanelButton['command'] | null,
): void {
  context.fillStyle = command === null ? '#1a2a31' : color;
  context.beginPath();
  context.roundRect(x, y, w, h, 12);
  context.fill();
  context.fillStyle = command === null ? '#6d7f87' : '#ffffff';
  context.font = w > 400 ? '30px sans-serif' : '26px sans-serif';
  context.textAlign = w > 400 ? 'left' : 'center';
  context.fillText(label.slice(0, 52), w > 400 ? x + 20 : x + w / 2, y + h / 2 + 10);
  context.textAlign = 'left';
  if (command !== null) buttons.push({ x, y, w, h, command });
}
