/** The longest lab query a learner may send, in characters. */
export const MAX_QUERY_CHARS = 20_000;
