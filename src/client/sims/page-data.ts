import type { Scenario } from '../../sim/schema/scenario.ts';
import type { Substation } from '../../sim/schema/substation.ts';

/** What a scenario page hands to its island, as JSON in the page. */
export interface SimPageData {
  readonly scenario: Scenario;
  readonly substation: Substation;
  /** Whether a learner is signed in (attempts are recorded only then). */
  readonly isSignedIn: boolean;
  /** Page of the 2D mode, or of the 3D scene from the 2D mode. */
  readonly otherModeHref: string;
}

/** Reads the page data a scenario page renders into `<script type="application/json" id=...>`. */
export function readSimPageData(elementId: string): SimPageData | null {
  const element = document.getElementById(elementId);
  if (element === null || element.textContent === null) return null;
  return JSON.parse(element.textContent) as SimPageData;
}
