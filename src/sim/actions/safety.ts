import { makeEvent } from '../events.ts';
import type { SimEvent } from '../events.ts';
import { text } from '../explanations.ts';
import { settle } from '../protection.ts';
import { OPERATOR } from '../state.ts';
import type { SimState } from '../state.ts';
import { protectsDeclaredZone, refused } from './result.ts';
import type { StepResult } from './result.ts';
import { unverifiedEarthing } from './switching.ts';

/** Proves the voltage tester on a known live source. */
export function testTester(state: SimState): StepResult {
  if (state.faults.isTesterFaulty)
    return {
      state: state.testerProven ? { ...state, testerProven: false } : state,
      events: [
        makeEvent(
          'tester-failed-proving',
          'Voltage tester failed its proving test',
          'The tester showed nothing on a source known to be live: it is faulty, and every reading it gave is worthless. Fetch the spare tester, prove it, and only then test for absence of voltage.',
        ),
      ],
    };
  return {
    state: state.testerProven ? state : { ...state, testerProven: true },
    events: [makeEvent('tester-proven', 'Voltage tester proven', text.testerProven())],
  };
}

/** Tests a node for voltage; a dead reading with a proven tester verifies absence of voltage. */
export function testVoltage(state: SimState, nodeId: string): StepResult {
  const name = nodeName(state, nodeId);
  if (name === null) return refused(state, `there is no test point ${nodeId}`);
  const live = state.energization[nodeId] === 'live';
  const reading = makeEvent(
    'voltage-reading',
    `${name}: ${live ? 'LIVE' : 'no voltage'}`,
    text.reading(name, live),
    {
      node: nodeId,
      data: { reading: live ? 'live' : 'dead' },
    },
  );
  if (!state.testerProven) {
    return {
      state,
      events: [
        makeEvent('tester-unproven', 'Tester not proven', text.testerUnproven(), { node: nodeId }),
        reading,
      ],
    };
  }
  if (live || state.verifiedDead.includes(nodeId)) return { state, events: [reading] };
  return { state: { ...state, verifiedDead: [...state.verifiedDead, nodeId] }, events: [reading] };
}

/** Clamps portable grounds on a node. */
export function applyGround(state: SimState, nodeId: string): StepResult {
  const name = nodeName(state, nodeId);
  if (name === null) return refused(state, `there is no grounding point ${nodeId}`);
  if (state.grounds.includes(nodeId)) {
    return {
      state,
      events: [
        makeEvent('no-change', `Grounds already on ${name}`, text.noChange(name), { node: nodeId }),
      ],
    };
  }
  const grounds = [...state.grounds, nodeId];
  const settled = settle(state, {
    positions: state.positions,
    remoteEnds: state.remoteEnds,
    grounds,
  });
  const events: SimEvent[] = [
    makeEvent('ground-applied', `Grounds on ${name}`, text.groundApplied(name), { node: nodeId }),
  ];
  if (settled.faulted) {
    events.push(
      makeEvent(
        'earth-fault',
        `Grounds applied to live ${name}`,
        text.earthFault(`You clamped portable grounds on ${name}`),
        { node: nodeId },
      ),
    );
  } else {
    events.push(...unverifiedEarthing(state, nodeId, name));
  }
  events.push(...settled.events);
  return {
    state: {
      ...state,
      grounds,
      positions: settled.positions,
      remoteEnds: settled.remoteEnds,
      energization: settled.energization,
      verifiedDead: settled.verifiedDead,
    },
    events,
  };
}

/** Takes portable grounds off a node. */
export function removeGround(state: SimState, nodeId: string): StepResult {
  const name = nodeName(state, nodeId);
  if (name === null) return refused(state, `there is no grounding point ${nodeId}`);
  if (!state.grounds.includes(nodeId)) {
    return {
      state,
      events: [
        makeEvent('no-change', `No grounds on ${name}`, text.noChange(name), { node: nodeId }),
      ],
    };
  }
  const events: SimEvent[] = [];
  if (protectsDeclaredZone(state, { node: nodeId })) {
    events.push(
      makeEvent(
        'isolation-broken',
        `Grounds removed while the crew works`,
        text.isolationBroken(`the grounds on ${name}`),
        { node: nodeId },
      ),
    );
  }
  const grounds = state.grounds.filter((g) => g !== nodeId);
  const settled = settle(state, {
    positions: state.positions,
    remoteEnds: state.remoteEnds,
    grounds,
  });
  events.push(
    makeEvent('ground-removed', `Grounds off ${name}`, text.groundRemoved(name), { node: nodeId }),
    ...settled.events,
  );
  return { state: { ...state, grounds, energization: settled.energization }, events };
}

/** Hands a work zone to the crew, if it is dead, verified, earthed and locked out. */
export function declareIsolated(state: SimState, zoneId: string): StepResult {
  const zone = state.model.zones.get(zoneId);
  if (zone === undefined) return refused(state, `there is no work zone ${zoneId}`);
  const ref = { data: { zone: zoneId } };
  if (state.declaredZones.includes(zoneId)) {
    return {
      state,
      events: [
        makeEvent('no-change', `${zone.name} already handed over`, text.noChange(zone.name), ref),
      ],
    };
  }
  const live = zone.nodes
    .filter((n) => state.energization[n] === 'live')
    .map((n) => nodeName(state, n) ?? n);
  if (live.length > 0) {
    return {
      state,
      events: [
        makeEvent(
          'isolation-declared-live',
          `${zone.name} declared safe while live`,
          text.isolationDeclaredLive(zone.name, live),
          ref,
        ),
      ],
    };
  }
  const unverified = zone.nodes
    .filter((n) => !state.verifiedDead.includes(n))
    .map((n) => nodeName(state, n) ?? n);
  if (unverified.length > 0) {
    return {
      state,
      events: [
        makeEvent(
          'isolation-not-verified',
          `${zone.name} declared without verification`,
          text.isolationNotVerified(zone.name, unverified),
          ref,
        ),
      ],
    };
  }
  const missing = [
    ...zone.nodes
      .filter((n) => state.energization[n] !== 'earthed')
      .map((n) => `${nodeName(state, n) ?? n} is not earthed`),
    ...zone.isolationPoints
      .filter((d) => state.positions[d] !== 'open')
      .map((d) => `${d} is not open`),
    ...zone.isolationPoints
      .filter((d) => !(state.locks[d] ?? []).includes(OPERATOR))
      .map((d) => `${d} has no lock of yours`),
    ...zone.isolationPoints
      .filter((d) => !(state.tags[d] ?? []).includes(OPERATOR))
      .map((d) => `${d} has no tag of yours`),
  ];
  if (missing.length > 0) {
    return {
      state,
      events: [
        makeEvent(
          'isolation-incomplete',
          `${zone.name} not ready`,
          text.isolationIncomplete(zone.name, missing),
          ref,
        ),
      ],
    };
  }
  return {
    state: { ...state, declaredZones: [...state.declaredZones, zoneId] },
    events: [
      makeEvent(
        'isolation-declared',
        `${zone.name} handed to the crew`,
        text.isolationDeclared(zone.name),
        ref,
      ),
    ],
  };
}

function nodeName(state: SimState, id: string): string | null {
  const index = state.model.nodeIndex.get(id);
  return index === undefined ? null : (state.model.nodes[index]?.name ?? id);
}
