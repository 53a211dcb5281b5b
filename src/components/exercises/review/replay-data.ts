import { useMemo } from 'react';
import type { ExerciseEntry } from '../../../sim/exercise/commands.ts';
import type { Scenario } from '../../../sim/schema/scenario.ts';
import type { Substation } from '../../../sim/schema/substation.ts';
import {
  createReplayDriver,
  type ReplayDriverResult,
} from '../../../lib/shared/exercises/replay-driver.ts';

/** What the review and watch-again pages hand to their islands, as JSON in the page. */
export interface ReplayData {
  readonly exerciseId: string;
  readonly userId: string;
  readonly scenario: Scenario;
  readonly substation: Substation;
  /** The log as this viewer may see it. */
  readonly log: ExerciseEntry[];
}

/** Reads the page's replay data, or null when it is missing. */
export function readReplayData(id: string): ReplayData | null {
  const element = document.getElementById(id);
  return element?.textContent ? (JSON.parse(element.textContent) as ReplayData) : null;
}

/** The page's log replayed once into a driver (null without data). */
export function useReplayDriver(data: ReplayData | null): ReplayDriverResult | null {
  return useMemo(
    () => (data === null ? null : createReplayDriver(data.substation, data.scenario, data.log)),
    [data],
  );
}
