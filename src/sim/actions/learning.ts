import type { DeviceType } from '../schema/device.ts';
import { DEVICE_TYPE_LABELS, describeDevice } from '../describe.ts';
import { makeEvent } from '../events.ts';
import { text } from '../explanations.ts';
import type { SimState } from '../state.ts';
import { refused } from './result.ts';
import type { StepResult } from './result.ts';

/** The learner names what a device is; correct when the type matches. */
export function identify(state: SimState, deviceId: string, answer: DeviceType): StepResult {
  const device = state.model.deviceById.get(deviceId);
  if (device === undefined) return refused(state, `there is no device ${deviceId}`);
  const ref = { device: deviceId, data: { answer } };
  if (device.type !== answer) {
    return {
      state,
      events: [
        makeEvent(
          'identified-wrong',
          `${deviceId} is not a ${DEVICE_TYPE_LABELS[answer]}`,
          text.identifiedWrong(),
          ref,
        ),
      ],
    };
  }
  const card = state.model.scenario.cards.find((c) => c.device === deviceId);
  const data = card === undefined ? { answer } : { answer, lesson: card.lesson, title: card.title };
  const explanation =
    card === undefined ? text.identifiedCorrect(device.name) : `${card.whatItIs} ${card.itAnalogy}`;
  const next =
    state.identified[deviceId] === true
      ? state
      : { ...state, identified: { ...state.identified, [deviceId]: true } };
  return {
    state: next,
    events: [
      makeEvent(
        'identified-correct',
        `${device.name}: ${DEVICE_TYPE_LABELS[answer]}`,
        explanation,
        { device: deviceId, data },
      ),
    ],
  };
}

/** The learner looks closely at a device: its nameplate and current state. */
export function inspect(state: SimState, deviceId: string): StepResult {
  const description = describeDevice(state, deviceId);
  if (description === null) return refused(state, `there is no device ${deviceId}`);
  const note = state.model.scenario.initialState.inspectNotes[deviceId];
  const next = state.inspected.includes(deviceId)
    ? state
    : { ...state, inspected: [...state.inspected, deviceId] };
  const explanation = note === undefined ? description : `${description} ${note}`;
  return {
    state: next,
    events: [makeEvent('inspected', `Inspected ${deviceId}`, explanation, { device: deviceId })],
  };
}
