import type { Device } from '../../sim/schema/device.ts';
import type { SimNode } from '../../sim/schema/substation.ts';

/** A point on the diagram. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Horizontal extent of a node drawn as a bar (a bus), or null for a point node. */
export function barExtent(node: SimNode): { from: number; to: number } | null {
  const width = node.sld.width;
  return width === undefined ? null : { from: node.sld.x - width / 2, to: node.sld.x + width / 2 };
}

/** Where the line from a device meets a node: straight down or up onto a bus, else the node's point. */
export function attachPoint(device: Device, node: SimNode): Point {
  const bar = barExtent(node);
  if (bar === null) return { x: node.sld.x, y: node.sld.y };
  return { x: Math.min(bar.to, Math.max(bar.from, device.sld.x)), y: node.sld.y };
}

/** Whether a device belongs on the network diagram rather than the single-line diagram. */
export function isNetworkDevice(device: Device): boolean {
  return device.connections.length === 0;
}

/**
 * The device nearest to `from` in a direction (arrow-key navigation on a diagram): items within a
 * cone of that direction first, weighing sideways offset twice as much as distance; items that lie
 * only slightly that way are the fallback. Null when nothing lies that way.
 */
export function nearestInDirection(
  from: Point,
  candidates: readonly { id: string; at: Point }[],
  direction: 'up' | 'down' | 'left' | 'right',
): string | null {
  let best: { id: string; score: number; isInCone: boolean } | null = null;
  for (const candidate of candidates) {
    const dx = candidate.at.x - from.x;
    const dy = candidate.at.y - from.y;
    const along =
      direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0.5) continue;
    const isInCone = along >= across * 0.5;
    const score = along + 2 * across;
    if (
      best === null ||
      (isInCone && !best.isInCone) ||
      (isInCone === best.isInCone && score < best.score)
    ) {
      best = { id: candidate.id, score, isInCone };
    }
  }
  return best?.id ?? null;
}
