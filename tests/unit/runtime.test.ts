import { describe, expect, test } from 'vitest';

describe('runtime', () => {
  test('runs on Node 22 or newer (the pinned node package, not an end-of-life system Node)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(22);
  });
});
