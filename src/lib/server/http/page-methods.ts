import { plainPage } from './plain-page.ts';

/** The methods a page answers: reading it, and posting its forms. */
export const PAGE_METHODS: readonly string[] = ['GET', 'HEAD', 'POST'];

/** The 405 for any other method sent to a page, naming the ones it takes. */
export function refusedPageMethod(method: string): Response {
  return plainPage(
    405,
    'That method is not used here',
    `A page is read with GET and its forms are sent with POST; ${method.slice(0, 20)} is not supported.`,
    undefined,
    { allow: PAGE_METHODS.join(', ') },
  );
}
