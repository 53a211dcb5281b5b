import { describe, expect, test } from 'vitest';
import {
  durationProblem,
  truncateDuration,
} from '../../../src/lib/server/learning-record/duration.ts';

describe('durationProblem: "A Duration MUST be expressed using the format for Duration in ISO 8601:2004(E) section 4.4.3.2"', () => {
  test.each([
    ['PT4H35M59.14S', 'hours, minutes and seconds (the spec’s first example)'],
    ['PT16559.14S', 'seconds only'],
    ['P3Y1M29DT4H35M59.14S', 'years, months and days too'],
    ['P3Y', 'years alone'],
    ['P4W', 'weeks alone'],
    ['P0.5W', 'a fraction of a week'],
    ['PT1H0M0.1S', 'zero components'],
    ['P1DT12H', 'days and hours'],
    ['PT1H30.5M', 'a fraction on the lowest-order component given'],
    ['PT0,25S', 'a comma as the decimal sign'],
    ['PT0S', 'nothing at all'],
  ])('accepts %s (%s)', (value) => {
    expect(durationProblem(value)).toBeNull();
  });

  test.each([
    ['P4W1D', "weeks cannot be combined with other time periods. 'P4W1D' is not valid", 'weeks'],
    ['P1Y2W', 'weeks after years', 'weeks'],
    ['PT1H2W', 'weeks among time units', 'weeks'],
    ['P', 'no component', 'at least one'],
    ['PT', 'a T with nothing after it', 'at least one'],
    ['P1DT', 'a T with no time unit', 'after T'],
    ['PT1.5H30M', 'a fraction on a higher-order component', 'last'],
    ['P1.5DT2H', 'a fractional day before hours', 'last'],
    ['PT1D', 'days after T', 'ISO 8601 duration'],
    ['PA1H0M0S', 'a letter where a number belongs', 'ISO 8601 duration'],
    ['P0003-01-29T04:35:59', 'the alternative format of 4.4.3.3, which "MUST NOT be used"', 'ISO'],
    ['-PT1S', 'a negative duration', 'ISO 8601 duration'],
    ['pt1s', 'lower-case designators', 'ISO 8601 duration'],
    ['PT1M30', 'a number without its unit', 'ISO 8601 duration'],
    ['should fail', 'free text', 'ISO 8601 duration'],
  ])('refuses %s (%s)', (value, _why, fragment) => {
    expect(durationProblem(value)).toContain(fragment);
  });
});

describe('truncateDuration: "any precision beyond 0.01 second precision SHOULD* NOT be included in the comparison"', () => {
  test.each([
    ['PT1M2.345S', 'PT1M2.34S'],
    ['PT1M2.349S', 'PT1M2.34S'],
    ['PT2.30S', 'PT2.3S'],
    ['PT2.001S', 'PT2S'],
    ['PT0,125S', 'PT0.12S'],
    ['P4W', 'P4W'],
  ])('%s compares as %s', (value, expected) => {
    expect(truncateDuration(value)).toBe(expected);
  });
});
