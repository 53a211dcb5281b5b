import type { SwitchPosition } from './schema/common.ts';
import { analyze, faultedNodes, toEnergization } from './energization.ts';
import type { Analysis, NodeEnergization, Topology } from './energization.ts';
import { makeEvent } from './events.ts';
import type { SimEvent } from './events.ts';
import { text } from './explanations.ts';
import type { SimState } from './state.ts';
import type { SimModel } from './topology.ts';

/** The switching facts after a change, once protection has acted. */
export interface Settled {
  readonly positions: Readonly<Record<string, SwitchPosition>>;
  readonly remoteEnds: Readonly<Record<string, SwitchPosition>>;
  readonly energization: Readonly<Record<string, NodeEnergization>>;
  readonly verifiedDead: readonly string[];
  /** Whether the change put a live conductor to earth (or drew an arc) before protection cleared it. */
  readonly faulted: boolean;
  /** Protection trips, then changes of supply. */
  readonly events: readonly SimEvent[];
}

/**
 * Applies a new topology: finds short circuits to earth (and the nodes an arc bridges), lets
 * protection trip the breakers around them (and the far end of a line if needed), then reports
 * which customers and station services lost or regained supply.
 */
export function settle(state: SimState, next: Topology, arcNodes: readonly string[] = []): Settled {
  const model = state.model;
  const positions = { ...next.positions };
  const remoteEnds = { ...next.remoteEnds };
  const topology = { positions, remoteEnds, grounds: next.grounds };
  let analysis = analyze(model, topology);
  const arcs = arcNodes.map((id) => model.nodeIndex.get(id) ?? -1).filter((i) => i >= 0);
  const faultsOf = (a: Analysis): number[] => [
    ...faultedNodes(a),
    ...arcs.filter((i, k) => a.live[i] && arcs.indexOf(i) === k),
  ];
  let faults = faultsOf(analysis);
  const faulted = faults.length > 0;
  const events: SimEvent[] = [];
  for (let round = 0; round < 4 && faults.length > 0; round++) {
    const zone = protectionZone(model, positions, [...faults, ...arcs]);
    const breakers = model.branches.filter(
      (b) => b.isBreaker && positions[b.device] === 'closed' && (zone.has(b.a) || zone.has(b.b)),
    );
    for (const breaker of breakers) {
      positions[breaker.device] = 'open';
      events.push(
        makeEvent(
          'protection-trip',
          `${breaker.device} tripped`,
          text.protectionTrip(breaker.device),
          {
            device: breaker.device,
          },
        ),
      );
    }
    if (breakers.length === 0) {
      const lines = model.sources.filter(
        (s) => zone.has(s.node) && remoteEnds[s.device] === 'closed',
      );
      if (lines.length === 0) break;
      for (const line of lines) {
        remoteEnds[line.device] = 'open';
        events.push(
          makeEvent(
            'remote-trip',
            `${line.device} tripped at the far end`,
            text.remoteTrip(line.device),
            {
              device: line.device,
            },
          ),
        );
      }
    }
    analysis = analyze(model, topology);
    faults = faultsOf(analysis);
  }
  const energization = toEnergization(model, analysis);
  events.push(...supplyChanges(model, state.energization, energization));
  const verifiedDead = state.verifiedDead.filter((id) => energization[id] !== 'live');
  return { positions, remoteEnds, energization, verifiedDead, faulted, events };
}

/** Nodes reachable from the fault through closed disconnectors and transformers (up to breakers). */
function protectionZone(
  model: SimModel,
  positions: Readonly<Record<string, SwitchPosition>>,
  start: readonly number[],
): Set<number> {
  const zone = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const node = queue.pop() ?? -1;
    for (const branch of model.branches) {
      if (branch.isBreaker) continue;
      if (branch.switchable && positions[branch.device] !== 'closed') continue;
      const other = branch.a === node ? branch.b : branch.b === node ? branch.a : -1;
      if (other >= 0 && !zone.has(other)) {
        zone.add(other);
        queue.push(other);
      }
    }
  }
  return zone;
}

function supplyChanges(
  model: SimModel,
  before: Readonly<Record<string, NodeEnergization>>,
  after: Readonly<Record<string, NodeEnergization>>,
): SimEvent[] {
  const events: SimEvent[] = [];
  for (const tap of model.draws) {
    const nodeId = model.nodes[tap.node]?.id ?? '';
    const wasLive = before[nodeId] === 'live';
    const isLive = after[nodeId] === 'live';
    if (wasLive === isLive) continue;
    const device = model.deviceById.get(tap.device);
    if (device === undefined || device.type === 'capacitor-bank') continue;
    const extra = { device: device.id, node: nodeId };
    if (device.type === 'pv-plant') {
      if (!isLive) {
        events.push(
          makeEvent(
            'der-disconnected',
            `${device.name} stopped exporting`,
            text.derDisconnected(device.name),
            extra,
          ),
        );
      }
    } else if (!isLive && device.type === 'station-service-transformer') {
      events.push(
        makeEvent(
          'station-service-lost',
          `${device.name} lost supply`,
          text.stationServiceLost(),
          extra,
        ),
      );
    } else if (!isLive) {
      events.push(
        makeEvent('supply-lost', `${device.name} lost supply`, text.supplyLost(device.name), extra),
      );
    } else {
      events.push(
        makeEvent(
          'supply-restored',
          `${device.name} back in supply`,
          text.supplyRestored(device.name),
          extra,
        ),
      );
    }
  }
  return events;
}
