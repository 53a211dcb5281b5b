/** An xAPI Agent as the browser sends it. */
export interface XapiAgent {
  objectType: 'Agent';
  name?: string;
  account: { homePage: string; name: string };
}

/** What a page tells the client about the signed-in learner. */
export interface LearnerInfo {
  /** The deployment's canonical origin, the home page of learners' accounts (not location.origin). */
  homePage: string;
  /** The learner's user id. */
  userId: string;
  /** Display name, recorded with the agent for people reading the record. */
  name?: string;
}

/** The learner's Agent under Switchyard's convention: an account on the canonical origin named by user id. */
export function learnerAgent(info: LearnerInfo): XapiAgent {
  return {
    objectType: 'Agent',
    ...(info.name ? { name: info.name } : {}),
    account: { homePage: info.homePage, name: info.userId },
  };
}

/**
 * Reads the learner from data attributes a page renders, e.g.
 * `<main data-xapi-home-page="https://..." data-learner-id="..." data-learner-name="...">`;
 * null when the page shows no signed-in learner.
 */
export function learnerAgentFromElement(element: HTMLElement): XapiAgent | null {
  const { xapiHomePage, learnerId, learnerName } = element.dataset;
  if (!xapiHomePage || !learnerId) return null;
  return learnerAgent({
    homePage: xapiHomePage,
    userId: learnerId,
    ...(learnerName ? { name: learnerName } : {}),
  });
}
