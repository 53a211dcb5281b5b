import { describe, expect, test } from 'vitest';
import { createAttemptStore } from '../../../src/client/sims/attempt-store.ts';
import { scenarioPair } from '../sim/fixtures.ts';

function store() {
  let clock = 1_000;
  const attempt = createAttemptStore(
    { ...scenarioPair('isolate-t1'), isSignedIn: true, otherModeHref: '/sims/isolate-t1' },
    { now: () => (clock += 500) },
  );
  return attempt;
}

describe('createAttemptStore', () => {
  test('logs an action with its attempt time and the engine events it caused', async () => {
    const attempt = store();
    const events = await attempt
      .getState()
      .act({ type: 'operate', device: '52-T1L', position: 'open' });
    const state = attempt.getState();
    expect(state.log).toEqual([
      { at: 500, action: { type: 'operate', device: '52-T1L', position: 'open' } },
    ]);
    expect(events.length).toBeGreaterThan(0);
    expect(state.events).toEqual(events);
  });

  test('finishing queues the log and changes nothing else: sending it is the upload service’s work', async () => {
    const attempt = store();
    await attempt.getState().act({ type: 'operate', device: '52-T1L', position: 'open' });
    attempt.getState().finish();
    expect(attempt.getState()).toMatchObject({
      phase: 'finished',
      endReason: 'finished',
      submission: { kind: 'queued' },
    });
    expect(
      await attempt.getState().act({ type: 'operate', device: '52-T1L', position: 'closed' }),
    ).toEqual([]);
  });

  test('settles the upload of the current attempt and ignores one the learner restarted from', () => {
    const attempt = store();
    const first = attempt.getState().attemptId;
    attempt.getState().finish();
    attempt.getState().settle(first, { kind: 'sending' });
    expect(attempt.getState().submission).toEqual({ kind: 'sending' });
    attempt.getState().restart();
    attempt.getState().settle(first, { kind: 'refused', message: 'late answer' });
    expect(attempt.getState().attemptId).not.toBe(first);
    expect(attempt.getState().submission).toEqual({ kind: 'not-submitted' });
  });
});
