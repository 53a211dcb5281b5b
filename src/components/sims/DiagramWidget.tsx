import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { nearestInDirection, type Point } from '../../client/sims/sld-geometry.ts';

/** One focusable thing on a diagram. */
export interface DiagramItem {
  readonly id: string;
  readonly at: Point;
  /** Accessible name with state, e.g. "52-T1L, T1 13.8 kV main breaker: closed, live". */
  readonly label: string;
  /** The drawing, positioned by the item itself. */
  readonly drawing: ReactNode;
  /** Half-size of the focus box around `at`. */
  readonly box?: { readonly w: number; readonly h: number };
}

const ARROWS: Record<string, 'up' | 'down' | 'left' | 'right'> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/**
 * A diagram operable by keyboard alone: one tab stop (roving tabindex); arrow keys move to the
 * nearest item that way; typing jumps to the item whose id starts with what was typed; Enter or
 * Space activates. Pointer users click items.
 */
export function DiagramWidget({
  label,
  viewBox,
  items,
  background,
  selected,
  onActivate,
  focusRequest,
}: {
  label: string;
  viewBox: string;
  items: readonly DiagramItem[];
  background: ReactNode;
  selected: string | null;
  onActivate: (id: string) => void;
  /** When this changes to an item id, that item takes focus (e.g. back from the action panel). */
  focusRequest?: { id: string; serial: number } | null;
}) {
  const [current, setCurrent] = useState<string | null>(items[0]?.id ?? null);
  const refs = useRef(new Map<string, SVGGElement>());
  const typed = useRef({ text: '', at: 0 });
  const focusItem = (id: string) => {
    setCurrent(id);
    refs.current.get(id)?.focus();
  };
  useEffect(() => {
    if (focusRequest && items.some((item) => item.id === focusRequest.id))
      focusItem(focusRequest.id);
  }, [focusRequest]);
  useEffect(() => {
    if (selected !== null && items.some((item) => item.id === selected)) setCurrent(selected);
  }, [selected, items]);

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const here = items.find((item) => item.id === current) ?? items[0];
    if (here === undefined) return;
    const direction = ARROWS[event.key];
    if (direction) {
      event.preventDefault();
      const others = items.filter((item) => item.id !== here.id);
      const next = nearestInDirection(here.at, others, direction);
      if (next !== null) focusItem(next);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const target = event.key === 'Home' ? items[0] : items.at(-1);
      if (target) focusItem(target.id);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate(here.id);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const now = performance.now();
      typed.current.text =
        (now - typed.current.at > 900 ? '' : typed.current.text) + event.key.toLowerCase();
      typed.current.at = now;
      const prefix = typed.current.text;
      const match =
        items.find((item) => item.id.toLowerCase() === prefix) ??
        items.find((item) => item.id.toLowerCase().startsWith(prefix)) ??
        items.find((item) => item.label.toLowerCase().includes(prefix));
      if (match) {
        event.preventDefault();
        focusItem(match.id);
      }
    }
  };

  return (
    <svg className="sld" viewBox={viewBox} role="group" aria-label={label} onKeyDown={onKeyDown}>
      {background}
      {items.map((item) => {
        const box = item.box ?? { w: 16, h: 16 };
        const isSelected = item.id === selected;
        return (
          <g
            key={item.id}
            ref={(element) => {
              if (element) refs.current.set(item.id, element);
              else refs.current.delete(item.id);
            }}
            role="button"
            tabIndex={item.id === (current ?? items[0]?.id) ? 0 : -1}
            aria-label={item.label}
            aria-pressed={isSelected}
            data-device={item.id}
            className={`sld-item${isSelected ? ' is-selected' : ''}`}
            onClick={() => {
              setCurrent(item.id);
              onActivate(item.id);
            }}
            onFocus={() => setCurrent(item.id)}
          >
            <rect
              className="sld-focus"
              x={item.at.x - box.w}
              y={item.at.y - box.h}
              width={box.w * 2}
              height={box.h * 2}
              rx={4}
            />
            {item.drawing}
          </g>
        );
      })}
    </svg>
  );
}
