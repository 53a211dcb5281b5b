import { describe, expect, test } from 'vitest';
import {
  checkPreconditions,
  parseEntityTags,
} from '../../../src/lib/server/learning-record/document-preconditions.ts';

const TAG = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

describe('parseEntityTags', () => {
  test.each([
    [null, null],
    ['', null],
    ['*', ['*']],
    [`"${TAG}"`, [TAG]],
    [`"${TAG.toUpperCase()}", "${OTHER}"`, [TAG, OTHER]],
    [`W/"${TAG}"`, [`w/"${TAG}"`]],
  ])('reads %j as %j', (header, tags) => {
    expect(parseEntityTags(header)).toEqual(tags);
  });
});

describe('checkPreconditions', () => {
  test.each([
    { name: 'If-Match with the current ETag passes', ifMatch: [TAG], current: TAG, status: null },
    { name: 'If-Match with another ETag is 412', ifMatch: [OTHER], current: TAG, status: 412 },
    { name: 'If-Match * on an absent document is 412', ifMatch: ['*'], current: null, status: 412 },
    { name: 'a weak If-Match never matches', ifMatch: [`w/"${TAG}"`], current: TAG, status: 412 },
    {
      name: 'If-None-Match * on an existing document is 412',
      ifNoneMatch: ['*'],
      current: TAG,
      status: 412,
    },
    {
      name: 'If-None-Match * on an absent document passes',
      ifNoneMatch: ['*'],
      current: null,
      status: null,
    },
    {
      name: 'no header on an existing document is 409 when one is needed',
      current: TAG,
      needs: true,
      status: 409,
    },
    {
      name: 'no header on an existing document passes when none is needed',
      current: TAG,
      needs: false,
      status: null,
    },
    { name: 'no header on an absent document passes', current: null, needs: true, status: null },
  ])('$name', ({ ifMatch, ifNoneMatch, current, needs, status }) => {
    const refusal = checkPreconditions(
      { ifMatch: ifMatch ?? null, ifNoneMatch: ifNoneMatch ?? null },
      current,
      needs ?? false,
    );
    expect(refusal?.status ?? null).toBe(status);
  });
});
