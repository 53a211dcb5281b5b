import { makeEvent } from '../events.ts';
import type { SimState } from '../state.ts';
import { refused } from './result.ts';
import type { StepResult } from './result.ts';

/** Swaps the failed voltage tester for the spare; the spare still has to be proven. */
export function replaceTester(state: SimState): StepResult {
  return {
    state: { ...state, testerProven: false, faults: { ...state.faults, isTesterFaulty: false } },
    events: [
      makeEvent(
        'tester-replaced',
        'Spare voltage tester fetched',
        'The faulty tester is tagged out of use. Prove the spare on a known live source before any test for absence of voltage.',
      ),
    ],
  };
}

/**
 * Answers a caller who asks for remote access. Under NERC CIP-005 (Requirement R2), Interactive
 * Remote Access to a BES Cyber System goes only through an Intermediate System with multi-factor
 * authentication, and vendor access is authorised in advance: a phone request is refused.
 */
export function answerCall(
  state: SimState,
  callId: string,
  answer: 'refuse' | 'grant',
): StepResult {
  const call = state.faults.calls.find((c) => c.id === callId);
  if (call === undefined) return refused(state, `there is no call ${callId}`);
  if (call.answer !== null)
    return refused(state, `the call from ${call.caller} was already answered`);
  const calls = state.faults.calls.map((c) => (c.id === callId ? { ...c, answer } : c));
  const next = { ...state, faults: { ...state.faults, calls } };
  const ref = { data: { call: callId } };
  return answer === 'refuse'
    ? {
        state: next,
        events: [
          makeEvent(
            'remote-access-refused',
            `Remote access refused to ${call.caller}`,
            'Right call: remote access is never granted on the strength of a phone call. Authorised vendors connect only through the approved remote-access path (an Intermediate System with multi-factor authentication, NERC CIP-005 R2); log the call and report it as a possible social-engineering attempt.',
            ref,
          ),
        ],
      }
    : {
        state: next,
        events: [
          makeEvent(
            'remote-access-granted',
            `Remote access granted to ${call.caller}`,
            'An unverified caller now has a path into the electronic security perimeter. NERC CIP-005 R2 allows Interactive Remote Access only through an Intermediate System with multi-factor authentication, for authorised people; a phone request is the classic social-engineering opening.',
            ref,
          ),
        ],
      };
}
