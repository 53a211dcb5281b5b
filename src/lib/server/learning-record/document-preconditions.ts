/** The If-Match / If-None-Match headers of a document write, parsed. */
export interface Preconditions {
  /** Entity tags of If-Match ('*' for any), or null when the header was not sent. */
  ifMatch: string[] | null;
  /** Entity tags of If-None-Match ('*' for any), or null when the header was not sent. */
  ifNoneMatch: string[] | null;
}

/** No precondition at all (server-side writes, and clients that send none). */
export const NO_PRECONDITIONS: Preconditions = { ifMatch: null, ifNoneMatch: null };

/** Splits an entity-tag list header; weak tags (W/"...") never match a strong comparison. */
export function parseEntityTags(header: string | null): string[] | null {
  if (header === null || header.trim() === '') return null;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
    .map((tag) => (tag === '*' ? '*' : tag.replace(/^"(.*)"$/, '$1').toLowerCase()));
}

/** Why a write may not go ahead: 412 for a failed precondition, 409 for a missing one. */
export type PreconditionRefusal = { status: 409 | 412; message: string } | null;

/**
 * Applies RFC 7232 If-Match / If-None-Match to the document as it is now (its ETag, or null when
 * absent). `needsPrecondition` says whether a write to an existing document must carry one.
 */
export function checkPreconditions(
  preconditions: Preconditions,
  currentEtag: string | null,
  needsPrecondition: boolean,
): PreconditionRefusal {
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifMatch) {
    const isMatch =
      currentEtag !== null && (ifMatch.includes('*') || ifMatch.includes(currentEtag));
    if (!isMatch) {
      return {
        status: 412,
        message:
          currentEtag === null
            ? 'If-Match was sent but there is no such document; fetch it again or leave out If-Match to create it.'
            : 'The document changed since you read it (If-Match does not match its ETag); fetch it again and retry.',
      };
    }
  }
  if (ifNoneMatch && currentEtag !== null) {
    if (ifNoneMatch.includes('*') || ifNoneMatch.includes(currentEtag)) {
      return {
        status: 412,
        message:
          'The document already exists (If-None-Match); fetch it and send If-Match with its ETag to replace it.',
      };
    }
  }
  if (needsPrecondition && !ifMatch && !ifNoneMatch && currentEtag !== null) {
    return {
      status: 409,
      message:
        'The document already exists: check its current state with GET, then send If-Match with its ETag to change it.',
    };
  }
  return null;
}
