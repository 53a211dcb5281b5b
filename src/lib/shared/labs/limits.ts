/** The longest lab query a learner may send, in characters. */
export const MAX_QUERY_CHARS = 20_000;

/** Most bytes a lab answer request may carry: the query (up to 4 bytes a character) and its field names. */
export const LAB_BODY_LIMIT = MAX_QUERY_CHARS * 4 + 1_000;
