import type { SwitchPosition } from './schema/common.ts';
import type { Branch, SimModel } from './topology.ts';

/** What a node is doing: connected to a source, to earth, or neither. */
export type NodeEnergization = 'live' | 'dead' | 'earthed';

/** The switching facts an analysis reads. */
export interface Topology {
  readonly positions: Readonly<Record<string, SwitchPosition>>;
  readonly remoteEnds: Readonly<Record<string, SwitchPosition>>;
  readonly grounds: readonly string[];
}

/** Per node (by index): connected to a source, and connected to earth. */
export interface Analysis {
  readonly live: Uint8Array;
  readonly earthed: Uint8Array;
}

interface Components {
  /** Node index -> the index of its component's root. */
  readonly root: readonly number[];
}

/** Groups nodes joined through closed breakers/disconnectors (and transformers, if asked). */
function components(
  model: SimModel,
  topology: Topology,
  excluded: string | null,
  throughTransformers = true,
): Components {
  const n = model.nodes.length;
  // Union-find; afterwards each entry is flattened to its component's root in place.
  // A plain array: a small typed array of 32-bit entries lives outside the heap and is slower to make.
  const root: number[] = [];
  for (let i = 0; i < n; i++) root.push(i);
  const branches = model.branches;
  for (let k = 0; k < branches.length; k++) {
    const branch = branches[k] as Branch;
    if (branch.device === excluded) continue;
    if (branch.isTransformer && !throughTransformers) continue;
    if (branch.switchable && topology.positions[branch.device] !== 'closed') continue;
    let ra = branch.a;
    while (root[ra] !== ra) ra = root[ra] as number;
    let rb = branch.b;
    while (root[rb] !== rb) rb = root[rb] as number;
    if (ra !== rb) root[ra] = rb;
  }
  for (let i = 0; i < n; i++) {
    let r = i;
    while (root[r] !== r) r = root[r] as number;
    root[i] = r;
  }
  return { root };
}

/**
 * Which nodes are live and which are earthed; `withGrounds: false` ignores portable grounds.
 * Voltage passes through transformers; an earth does not (earthing one winding leaves the other
 * unearthed, though a live winding feeding an earthed one is still a fault).
 */
export function analyze(model: SimModel, topology: Topology, withGrounds = true): Analysis {
  const { root } = components(model, topology, null);
  const earthRoot = components(model, topology, null, false).root;
  const n = model.nodes.length;
  const sourceAt = new Uint8Array(n);
  const earthAt = new Uint8Array(n);
  for (const source of model.sources) {
    if (topology.remoteEnds[source.device] === 'closed') sourceAt[root[source.node] ?? 0] = 1;
  }
  for (const tap of model.earthingSwitches) {
    if (topology.positions[tap.device] === 'closed') earthAt[earthRoot[tap.node] ?? 0] = 1;
  }
  if (withGrounds) {
    for (const id of topology.grounds) {
      const node = model.nodeIndex.get(id);
      if (node !== undefined) earthAt[earthRoot[node] ?? 0] = 1;
    }
  }
  const live = new Uint8Array(n);
  const earthed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    live[i] = sourceAt[root[i] ?? i] ?? 0;
    earthed[i] = earthAt[earthRoot[i] ?? i] ?? 0;
  }
  return { live, earthed };
}

/** Per model, an object with every node id as a key, in order: copying it keeps the keys' layout. */
const shapes = new WeakMap<SimModel, Readonly<Record<string, NodeEnergization>>>();

/** Node id -> live / dead / earthed, the form the state and the UI use. */
export function toEnergization(
  model: SimModel,
  analysis: Analysis,
): Readonly<Record<string, NodeEnergization>> {
  const { nodes } = model;
  let shape = shapes.get(model);
  if (shape === undefined) {
    // Built once with plain literal keys, so copies of it are cheap to make and to fill.
    shape = JSON.parse(
      JSON.stringify(Object.fromEntries(nodes.map((n) => [n.id, 'dead']))),
    ) as Record<string, NodeEnergization>;
    shapes.set(model, shape);
  }
  const result: Record<string, NodeEnergization> = { ...shape };
  for (let i = 0; i < nodes.length; i++) {
    result[(nodes[i] as SimModel['nodes'][number]).id] = analysis.live[i]
      ? 'live'
      : analysis.earthed[i]
        ? 'earthed'
        : 'dead';
  }
  return result;
}

/** Indexes of nodes that are both live and earthed: a short circuit to earth. */
export function faultedNodes(analysis: Analysis): number[] {
  const faulted: number[] = [];
  for (let i = 0; i < analysis.live.length; i++) {
    if (analysis.live[i] && analysis.earthed[i]) faulted.push(i);
  }
  return faulted;
}

/**
 * Whether a breaker or disconnector carries (or, once closed, would carry) current: a source on
 * one side and something drawing current on the other. Energized transformers count as drawing
 * current (their magnetizing current), as do loads, capacitor banks and DER.
 */
export function carriesCurrent(model: SimModel, topology: Topology, device: string): boolean {
  const branch = model.branchByDevice.get(device);
  if (branch === undefined) return false;
  const { root } = components(model, topology, device);
  const n = model.nodes.length;
  const source = new Uint8Array(n);
  const draw = new Uint8Array(n);
  for (const tap of model.sources) {
    if (topology.remoteEnds[tap.device] === 'closed') source[root[tap.node] ?? 0] = 1;
  }
  for (const tap of model.draws) draw[root[tap.node] ?? 0] = 1;
  for (const other of model.branches) {
    if (other.isTransformer && other.device !== device) draw[root[other.a] ?? 0] = 1;
  }
  const ra = root[branch.a] ?? 0;
  const rb = root[branch.b] ?? 0;
  return Boolean((source[ra] && draw[rb]) || (source[rb] && draw[ra]));
}
