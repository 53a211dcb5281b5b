import { MAX_BODY_BYTES as XAPI_BODY_LIMIT, MAX_DOCUMENT_BYTES } from '../xapi/body.ts';
import { MAX_MULTIPART_BYTES } from '../xapi/statements-multipart.ts';
import { LAB_BODY_LIMIT } from '../../shared/labs/limits.ts';
import { SIM_ATTEMPT_BODY_LIMIT } from '../sims/attempts.ts';
import { CMI5_PACKAGE_LIMIT } from '../cmi5/package.ts';

/** Most bytes a form post may carry: every form Switchyard shows fits in a few KiB. */
export const FORM_BODY_LIMIT = 32 * 1024;

/** A route whose requests may carry more than a form; each limit is owned by the route's module. */
export interface RouteBodyLimit {
  /** Matches the request path. */
  pattern: RegExp;
  /** Most bytes the route reads. */
  limit: number;
  /** Says what the route accepts, for the 413 answer. */
  hint: string;
}

/** Routes with their own body limits; every other path takes FORM_BODY_LIMIT. */
export const ROUTE_BODY_LIMITS: readonly RouteBodyLimit[] = [
  {
    pattern: /^\/xapi\/(activities|agents)\/(state|profile)$/,
    limit: MAX_DOCUMENT_BYTES,
    hint: 'a document may be at most 2 MB',
  },
  {
    pattern: /^\/xapi\/statements$/,
    limit: MAX_MULTIPART_BYTES,
    hint: 'send fewer statements or smaller attachments per request',
  },
  {
    pattern: /^\/xapi\//,
    limit: XAPI_BODY_LIMIT,
    hint: 'send fewer statements per request',
  },
  {
    pattern: /^\/api\/labs\/[^/]+\/[^/]+$/,
    limit: LAB_BODY_LIMIT,
    hint: 'shorten the query',
  },
  {
    pattern: /^\/api\/sims\/[^/]+\/attempts$/,
    limit: SIM_ATTEMPT_BODY_LIMIT,
    hint: 'an attempt log of this size is not one a person made; reload the simulation',
  },
  {
    // cmi5 course packages: the integration API and the import page.
    pattern: /^\/(api\/cmi5\/courses|manage\/imported-courses)$/,
    limit: CMI5_PACKAGE_LIMIT,
    hint: 'ask the vendor for a smaller package',
  },
];

/** The body limit of a path and what a person can do about going over it. */
export function bodyLimitFor(path: string): { limit: number; hint: string } {
  const route = ROUTE_BODY_LIMITS.find((candidate) => candidate.pattern.test(path));
  return (
    route ?? { limit: FORM_BODY_LIMIT, hint: 'shorten what you typed and send the form again' }
  );
}

/** The sentence a 413 answer carries. */
export function tooLargeMessage(limit: number, hint: string): string {
  const size =
    limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${Math.round(limit / 1024)} KB`;
  return `This request is larger than the ${size} this address accepts; ${hint}.`;
}
