import { contentScenario, simulationCatalog } from '../../helpers/content.ts';
import { createInitialState, step } from '../../../src/sim/index.ts';
import type {
  ActionLogEntry,
  Scenario,
  SimAction,
  SimEvent,
  SimState,
  Substation,
} from '../../../src/sim/index.ts';

/** The real content, validated. */
export const catalog = simulationCatalog();

/** The scenario and its substation, by scenario id. */
export const scenarioPair: (id: string) => { substation: Substation; scenario: Scenario } =
  contentScenario;

/** A copy of a scenario with changes, for rule tests that need other starting states. */
export function variant(
  id: string,
  change: (scenario: Scenario) => Scenario,
): {
  substation: Substation;
  scenario: Scenario;
} {
  const { substation, scenario } = scenarioPair(id);
  return { substation, scenario: change(structuredClone(scenario)) };
}

/** The initial state of a scenario (optionally a variant). */
export function start(id: string, change?: (scenario: Scenario) => Scenario): SimState {
  const { substation, scenario } = change ? variant(id, change) : scenarioPair(id);
  return createInitialState(substation, scenario);
}

/** Applies actions in turn, collecting every event. */
export function run(
  state: SimState,
  actions: readonly SimAction[],
): { state: SimState; events: SimEvent[] } {
  const events: SimEvent[] = [];
  let current = state;
  for (const action of actions) {
    const result = step(current, action);
    current = result.state;
    events.push(...result.events);
  }
  return { state: current, events };
}

/** Event codes, in order. */
export function codes(events: readonly { code: string }[]): string[] {
  return events.map((event) => event.code);
}

/** The perfect run of a scenario: every rubric action in order, ten seconds apart. */
export function perfectLog(id: string, spacingMs = 10_000): ActionLogEntry[] {
  const { scenario } = scenarioPair(id);
  return scenario.rubric.steps
    .flatMap((s) => s.actions)
    .map((action, index) => ({ at: index * spacingMs, action }));
}

/** Builds a log from actions, ten seconds apart. */
export function logOf(actions: readonly SimAction[], spacingMs = 10_000): ActionLogEntry[] {
  return actions.map((action, index) => ({ at: index * spacingMs, action }));
}

export const open = (device: string): SimAction => ({ type: 'operate', device, position: 'open' });
export const close = (device: string): SimAction => ({
  type: 'operate',
  device,
  position: 'closed',
});

/** Interlocks out of service, for tests of what happens when nothing stops a mistake. */
export function withoutInterlocks(scenario: Scenario, ids: string[]): Scenario {
  scenario.initialState.interlocksOutOfService = ids;
  return scenario;
}
